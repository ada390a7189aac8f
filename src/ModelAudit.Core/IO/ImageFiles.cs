using ModelAudit.Imaging;

namespace ModelAudit.Core.IO;

/// <summary>Reads images for the analyses; every failure is one line naming the file.</summary>
public static class ImageFiles
{
    public static Image Load(string path, DecodeOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new ModelAuditException(Directory.Exists(path) ? $"{path}: is a folder, expected an image file" : $"{path}: image file not found");
        }

        try
        {
            return ImageDecoder.Decode(path, options);
        }
        catch (ImageFormatException e)
        {
            throw new ModelAuditException(e.Message, e);
        }
    }
}
