using ModelAudit.Onnx;

namespace ModelAudit.Core.Models;

/// <summary>Loads model files, turning every failure into one line that names the file.</summary>
public static class ModelFiles
{
    public static OnnxModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelAuditException(Directory.Exists(path)
                ? $"{path}: is a folder, expected an .onnx file"
                : $"{path}: model file not found");
        }

        try
        {
            return OnnxModel.Load(path);
        }
        catch (OnnxFormatException e)
        {
            throw new ModelAuditException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{path}: cannot read the model: {e.Message}", e);
        }
    }
}
