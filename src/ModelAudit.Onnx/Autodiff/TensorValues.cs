using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>Reads the numbers of a constant tensor (any numeric element type, raw bytes or typed fields), for rules
/// that need a value at build time (pads, slice bounds, Gemm's bias shape, Clip bounds, weights).</summary>
internal static class TensorValues
{
    public static long[] Shape(TensorProto tensor) => [.. tensor.Dims];

    public static double[] ToDoubles(TensorProto tensor)
    {
        var value = Read(tensor);
        return [.. Enumerable.Range(0, (int)value.Count).Select(value.Double)];
    }

    public static long[] ToInt64s(TensorProto tensor) => Read(tensor).ToLongs();

    private static FoldedTensor Read(TensorProto tensor)
    {
        if (!ElementKinds.IsInteger(tensor.DataType) && !ElementKinds.IsFloat(tensor.DataType))
        {
            throw new NotSupportedException($"constant '{tensor.Name}' has element type {(OnnxDataType)tensor.DataType}");
        }

        try
        {
            return FoldedTensor.FromProto(tensor, tensor.Name);
        }
        catch (OnnxFormatException e)
        {
            throw new NotSupportedException(e.Message, e);
        }
    }
}
