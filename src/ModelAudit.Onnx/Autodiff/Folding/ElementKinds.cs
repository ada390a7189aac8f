namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>Classifies ONNX element types (TensorProto.DataType numbers).</summary>
internal static class ElementKinds
{
    public const int Undefined = 0;
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int8 = 3;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Bool = 9;
    public const int Float16 = 10;
    public const int Double = 11;
    public const int BFloat16 = 16;

    /// <summary>Integer and bool types: values that carry no gradient.</summary>
    public static bool IsInteger(int type) => type is 2 or 3 or 4 or 5 or 6 or 7 or 9 or 12 or 13;

    public static bool IsFloat(int type) => type is Float or Float16 or Double or BFloat16;
}
