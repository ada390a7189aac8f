using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>
/// Writes the concrete input shape a fused model is built for into its graph inputs (a fused model serves one input
/// shape anyway). With symbolic dimensions ("N", "H") ONNX Runtime's shape inference cannot prove that a backward
/// gradient and a forward tensor have the same shape, so its blocked-layout (NCHWc) pass leaves their Add, Sum and Mul
/// in the plain layout and reorders both operands out of the blocked Conv layout first.
/// </summary>
internal static class StaticInputDims
{
    public static void Apply(GraphProto graph, IReadOnlyDictionary<string, long[]> staticShapes)
    {
        foreach (var input in graph.Input)
        {
            if (input.Type?.TensorType?.Shape is not { } shape || !staticShapes.TryGetValue(input.Name, out var dims) || dims.Length != shape.Dim.Count)
            {
                continue;
            }

            for (var i = 0; i < dims.Length; i++)
            {
                shape.Dim[i] = new TensorShapeProto.Types.Dimension { DimValue = dims[i] };
            }
        }
    }
}
