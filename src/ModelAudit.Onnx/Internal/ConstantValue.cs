using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>The tensor a Constant node produces, from whichever of its value attributes it carries.</summary>
internal static class ConstantValue
{
    public static TensorProto Read(NodeProto node, string source)
    {
        var output = node.Output.Count > 0 ? node.Output[0] : "";
        foreach (var a in node.Attribute)
        {
            var tensor = a.Name switch
            {
                "value" when a.T is not null => a.T.Clone(),
                "value_float" => new TensorProto { DataType = (int)OnnxDataType.Float, FloatData = { a.F } },
                "value_floats" => new TensorProto { DataType = (int)OnnxDataType.Float, Dims = { a.Floats.Count }, FloatData = { a.Floats } },
                "value_int" => new TensorProto { DataType = (int)OnnxDataType.Int64, Int64Data = { a.I } },
                "value_ints" => new TensorProto { DataType = (int)OnnxDataType.Int64, Dims = { a.Ints.Count }, Int64Data = { a.Ints } },
                _ => null,
            };
            if (tensor is not null)
            {
                tensor.Name = output;
                return tensor;
            }
        }

        throw new OnnxFormatException(source, $"Constant node '{GraphOrder.DisplayName(node)}' has no value attribute this tool reads (value, value_float(s), value_int(s))");
    }
}
