using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>Parses the protobuf bytes of a model, turning every parser failure into one <see cref="OnnxFormatException"/>.</summary>
internal static class ModelReader
{
    public static ModelProto Read(byte[] bytes, string source)
    {
        if (bytes.Length == 0)
        {
            throw new OnnxFormatException(source, "not an ONNX model: the file is empty");
        }

        var input = new CodedInputStream(bytes);
        var model = new ModelProto();
        try
        {
            model.MergeFrom(input);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new OnnxFormatException(source, $"not an ONNX model: protobuf parse failed at byte {input.Position} of {bytes.Length}: {ex.Message}", ex);
        }

        if (model.Graph is null)
        {
            throw new OnnxFormatException(source, "not an ONNX model: it has no graph");
        }

        if (model.IrVersion <= 0)
        {
            throw new OnnxFormatException(source, $"not an ONNX model: ir_version is {model.IrVersion}");
        }

        return model;
    }
}
