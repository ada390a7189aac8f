using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>A decoded mask: one flag per pixel, row-major.</summary>
internal sealed record MaskImage(int Width, int Height, bool[] Inside)
{
    public static MaskImage Load(MaskRegion region)
    {
        Image image;
        try
        {
            image = ImageDecoder.Decode(region.FullPath);
        }
        catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException)
        {
            throw Error(region, $"mask {region.Path} cannot be read: {e.Message}", e);
        }

        var inside = new bool[image.Width * image.Height];
        var px = image.Pixels;
        for (var i = 0; i < inside.Length; i++)
        {
            var o = i * 4;
            inside[i] = px[o + 3] != 0 && (px[o] | px[o + 1] | px[o + 2]) != 0;
        }

        return new MaskImage(image.Width, image.Height, inside);
    }

    public static ConfigException Error(MaskRegion region, string detail, Exception? inner = null)
    {
        var file = region.ConfigFile ?? region.FullPath;
        var at = region.ConfigFile is null ? default(SourceLocation) : region.Location;
        return inner is null
            ? new ConfigException(file, at.Line, at.Column, DiagnosticCodes.FileProblem, detail)
            : new ConfigException(file, at.Line, at.Column, DiagnosticCodes.FileProblem, detail, inner);
    }
}
