using ModelAudit.Benchmarks.Jpeg;
using ModelAudit.Benchmarks.Models;

namespace ModelAudit.Benchmarks.Memory;

/// <summary>
/// The inputs of the whole-process memory harness (eng/bench/audit-memory.sh): the ResNet-18-shaped model and
/// 32 seeded photo-like 4000x4000 JPEGs (quality 90, 4:2:0, as a camera writes them). Smooth colour fields
/// plus grain, so the decoder does the work a real photo costs, not the shortcut of a flat one.
/// </summary>
internal static class AuditPhotos
{
    public const int Count = 32;
    public const int Side = 4000;

    public static void Write(string folder, Action<string> log)
    {
        var cjpeg = ExternalTool.Find("cjpeg")
            ?? throw new InvalidOperationException("cjpeg not found (apt-get install libjpeg-turbo-progs): it writes the photos");
        var photos = Path.Combine(folder, "photos");
        Directory.CreateDirectory(photos);
        File.WriteAllBytes(Path.Combine(folder, "resnet18-random.onnx"), ResNet18Model.Build());
        var ppm = Path.Combine(folder, "photo.ppm");
        for (var i = 0; i < Count; i++)
        {
            var jpeg = Path.Combine(photos, $"photo-{i:00}.jpg");
            if (File.Exists(jpeg))
            {
                continue; // Deterministic content: a rerun reuses what an earlier one wrote.
            }

            File.WriteAllBytes(ppm, SyntheticImages.ToPpm(SyntheticImages.Create(Side, Side, seed: 4000 + i)));
            cjpeg.Run("-quality", "90", "-sample", "2x2", "-outfile", jpeg + ".tmp", ppm);
            File.Move(jpeg + ".tmp", jpeg);
            log($"wrote {jpeg}");
        }

        File.Delete(ppm);
        log($"{Count} photos of {Side}x{Side} in {photos}");
    }
}
