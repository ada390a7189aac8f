namespace ModelAudit.Onnx;

/// <summary>One dimension of a declared shape: a number, a symbolic name, or neither (unknown).</summary>
public readonly record struct OnnxDim(long? Value, string? Param)
{
    public static OnnxDim Known(long value) => new(value, null);

    public static OnnxDim Symbolic(string param) => new(null, param);

    public static OnnxDim Unknown => default;

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Param ?? "?";
}
