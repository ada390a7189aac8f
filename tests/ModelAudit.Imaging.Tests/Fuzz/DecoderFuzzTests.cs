using ModelAudit.TestSupport;
using ModelAudit.TestSupport.Fuzzing;

namespace ModelAudit.Imaging.Tests.Fuzz;

/// <summary>
/// The image decoders under seeded mutations of every fixture of their format (and splices across formats):
/// only <see cref="ImageFormatException"/> may escape, memory stays bounded, nothing hangs.
/// MODELAUDIT_FUZZ_CASES sets the cases per target (README: Fuzzing).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class DecoderFuzzTests
{
    // Small enough that a lying header cannot make a case slow; real limits are tested elsewhere.
    private static readonly DecodeOptions Options = new() { MaxPixels = 1 << 20 };

    public static TheoryData<string> Formats => new() { "png", "jpeg", "bmp" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decode_MutatedFixtures_OnlyImageFormatExceptionEscapes(string format)
    {
        var folder = Path.Combine(RepoPaths.TestData, "images", format);
        var corpus = Directory.GetFiles(folder)
            .Where(f => ImageFormatSniffer.Detect(File.ReadAllBytes(f)) != ImageFormat.Unknown)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length < 256 << 10)
            .ToList();
        Assert.NotEmpty(corpus);

        var summary = FuzzRun.Run(
            format,
            random => Mutator.Binary(corpus, random),
            input =>
            {
                var image = ImageDecoder.Decode(input, "fuzz", Options);
                Assert.Equal((long)image.Width * image.Height * 4, image.Pixels.Length);
            },
            e => e is ImageFormatException { Source: "fuzz" });

        // Both outcomes must occur, or the mutations are not reaching the decoder's logic.
        Assert.True(summary.BothOutcomes, $"{summary.Refused} of {summary.Cases} cases refused: the mutations do not reach both outcomes");
    }
}
