using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>The tensor a Constant node produces, from whichever of its value attributes it uses.</summary>
internal static class ConstantNodeValue
{
    public static bool TryRead(NodeProto node, out TensorProto tensor)
    {
        tensor = null!;
        foreach (var attr in node.Attribute)
        {
            switch (attr.Name)
            {
                case "value" when attr.T is not null:
                    tensor = attr.T.Clone();
                    break;
                case "value_float":
                    tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
                    tensor.FloatData.Add(attr.F);
                    break;
                case "value_floats":
                    tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
                    tensor.Dims.Add(attr.Floats.Count);
                    tensor.FloatData.Add(attr.Floats);
                    break;
                case "value_int":
                    tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
                    tensor.Int64Data.Add(attr.I);
                    break;
                case "value_ints":
                    tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
                    tensor.Dims.Add(attr.Ints.Count);
                    tensor.Int64Data.Add(attr.Ints);
                    break;
                default:
                    continue;
            }

            tensor.Name = node.Output[0];
            return true;
        }

        return false;
    }
}
