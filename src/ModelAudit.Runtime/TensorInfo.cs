namespace ModelAudit.Runtime;

/// <summary>A model input or output as ONNX Runtime reports it.</summary>
/// <param name="Shape">Dimensions; -1 where the dimension is dynamic.</param>
/// <param name="SymbolicDimensions">Per dimension its symbolic name (e.g. "batch"), null when it has none.</param>
public sealed record TensorInfo(string Name, TensorElementType ElementType, long[] Shape, string?[] SymbolicDimensions)
{
    /// <summary>The shape as text, symbolic dimensions by name: [batch,3,-1,224].</summary>
    public string ShapeText => FormatShape(Shape, SymbolicDimensions);

    internal static string FormatShape(IReadOnlyList<long> shape, IReadOnlyList<string?>? symbols = null)
    {
        var parts = shape.Select((d, i) =>
            d < 0 && symbols is not null && i < symbols.Count && symbols[i] is { Length: > 0 } s
                ? s
                : d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "[" + string.Join(",", parts) + "]";
    }
}
