using ModelAudit.Core.IO;
using ModelAudit.Imaging;

namespace ModelAudit.Tool.Output;

/// <summary>The files every per-image analysis writes: `&lt;stem&gt;.png` overlays with --out, `&lt;stem&gt;.npy` raw numbers with --raw.</summary>
internal static class AnalysisFiles
{
    public static void Write(IReadOnlyList<string> imagePaths, string? pngFolder, string? rawFolder,
        Func<int, Image> overlay, Func<int, (float[] Data, IReadOnlyList<long> Shape)> raw)
    {
        var stems = OutputStems.For(imagePaths);
        if (pngFolder is not null)
        {
            Directory.CreateDirectory(pngFolder);
        }

        for (var i = 0; i < imagePaths.Count; i++)
        {
            if (pngFolder is not null)
            {
                PngEncoder.Save(overlay(i), Path.Combine(pngFolder, stems[i] + ".png"));
            }

            if (rawFolder is not null)
            {
                var (data, shape) = raw(i);
                NpyWriter.Save(Path.Combine(rawFolder, stems[i] + ".npy"), data, shape);
            }
        }
    }
}
