using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Precision;

/// <summary>
/// The backward model computes in float32 whatever precision the forward model ships in: fp16 gradients underflow
/// and ONNX Runtime's CPU provider lacks fp16 kernels for most backward operators, while a float32 gradient of an
/// fp16 forward pass is exactly the gradient of the function the fp16 weights define (in float32 arithmetic).
/// </summary>
internal static class ComputePrecision
{
    /// <summary>Floating-point types other than float32, which the backward model converts to float32.</summary>
    public static bool NeedsUpCast(int type) => type is ElementKinds.Float16 or ElementKinds.BFloat16 or ElementKinds.Double;

    /// <summary>A copy named <paramref name="name"/>, converted to float32 when it holds another floating-point type.</summary>
    public static TensorProto ToFloat32(TensorProto tensor, string name)
    {
        if (!NeedsUpCast(tensor.DataType))
        {
            var copy = tensor.Clone();
            copy.Name = name;
            return copy;
        }

        var count = TensorData.CountElements(tensor, name);
        var values = TensorData.ToFloats(tensor, count, name);
        var result = new TensorProto { Name = name, DataType = ElementKinds.Float };
        result.Dims.Add(tensor.Dims);
        result.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        return result;
    }
}
