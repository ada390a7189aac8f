using ModelAudit.Benchmarks.Models;

namespace ModelAudit.Benchmarks.Jpeg;

/// <summary>
/// Full-HD JPEGs made with cjpeg from a synthetic picture at setup time (quality 90, 4:2:0, baseline and
/// progressive), plus a tiny one whose djpeg time is process start-up alone.
/// </summary>
internal static class JpegFixtures
{
    public const int Width = 1920;
    public const int Height = 1080;

    public static readonly string[] Kinds = ["baseline-420", "progressive-420"];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(Create);

    /// <summary>Why the JPEG benchmarks cannot run, or null when cjpeg is present.</summary>
    public static string? Unavailable => ExternalTool.Find("cjpeg") is null
        ? "cjpeg not found (apt-get install libjpeg-turbo-progs): JPEG decode benchmarks skipped"
        : null;

    public static string PathOf(string kind) => Files.Value[kind];

    private static IReadOnlyDictionary<string, string> Create()
    {
        var cjpeg = ExternalTool.Find("cjpeg") ?? throw new InvalidOperationException(Unavailable);
        var source = BenchWorkspace.File("photo.ppm");
        File.WriteAllBytes(source, SyntheticImages.ToPpm(SyntheticImages.Create(Width, Height, seed: 1920)));
        var tiny = BenchWorkspace.File("tiny.ppm");
        File.WriteAllBytes(tiny, SyntheticImages.ToPpm(SyntheticImages.Create(8, 8, seed: 8)));
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["baseline-420"] = BenchWorkspace.File("photo-baseline.jpg"),
            ["progressive-420"] = BenchWorkspace.File("photo-progressive.jpg"),
            ["tiny"] = BenchWorkspace.File("tiny.jpg"),
        };
        cjpeg.Run("-quality", "90", "-sample", "2x2", "-outfile", files["baseline-420"], source);
        cjpeg.Run("-quality", "90", "-sample", "2x2", "-progressive", "-outfile", files["progressive-420"], source);
        cjpeg.Run("-quality", "90", "-outfile", files["tiny"], tiny);
        return files;
    }
}
