using ModelAudit.Imaging;

namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// The inputs of the whole-process harness (eng/bench/process-ratios.sh): the ResNet-18-shaped model of the library
/// benchmarks and 32 seeded photo-like pictures (320x240, so every command resizes as it would for real photos), and
/// under audit/ the audit case (<see cref="AuditFixture"/>).
/// </summary>
internal static class ProcessFixtures
{
    public const int ImageCount = 32;

    public static void Write(string folder, Action<string> log)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        var model = Path.Combine(folder, "resnet18-random.onnx");
        File.WriteAllBytes(model, ResNet18Model.Build());
        foreach (var (name, image) in SyntheticImages.Batch(ImageCount, 320, 240, seed: 32))
        {
            File.WriteAllBytes(Path.Combine(images, name + ".png"), PngEncoder.Encode(image));
        }

        log($"wrote {model} and {ImageCount} images to {images}");
        AuditFixture.Write(Path.Combine(folder, "audit"), model, log);
    }
}
