using BenchmarkDotNet.Attributes;
using ModelAudit.Imaging;

namespace ModelAudit.Benchmarks.Jpeg;

/// <summary>
/// Issue 5: our JPEG decoder beside libjpeg-turbo's djpeg on the same 1920x1080 files. djpeg runs as a
/// process, so its start-up is measured on a tiny file and subtracted in the report.
/// </summary>
public class JpegBenchmarks
{
    private byte[] data = [];
    private string path = string.Empty;
    private ExternalTool? djpeg;

    public static IEnumerable<string> Kinds => JpegFixtures.Kinds;

    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = JpegFixtures.Kinds[0];

    [GlobalSetup]
    public void Setup()
    {
        path = JpegFixtures.PathOf(Kind);
        data = File.ReadAllBytes(path);
        djpeg = ExternalTool.Find("djpeg");
    }

    [Benchmark(Baseline = true, Description = "ModelAudit decoder")]
    public Image ModelAuditDecoder() => ImageDecoder.Decode(data, path);

    [Benchmark(Description = "djpeg process")]
    public void Djpeg() => Djpeg(path);

    [Benchmark(Description = "djpeg start-up (8x8 file)")]
    public void DjpegStartup() => Djpeg(JpegFixtures.PathOf("tiny"));

    // djpeg's default decode is the one our decoder matches: integer IDCT, fancy upsampling, RGB out.
    private void Djpeg(string file) => (djpeg ?? throw new InvalidOperationException("djpeg not found")).Run("-outfile", "/dev/null", file);
}
