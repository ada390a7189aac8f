using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Jpeg;

/// <summary>
/// A scan damaged inside one restart interval: the intact intervals decode exactly as djpeg decodes them, and
/// the damage is reported as one warning instead of failing the image.
/// </summary>
public sealed class RestartRecoveryTests
{
    // 64x48, 4:4:4, one MCU row (8 pixel rows) per restart interval; interval 3 (rows 16-23) damaged.
    private const int DamagedFirstRow = 16;
    private const int RowsPerInterval = 8;

    private static string Fixture(string name) => Path.Combine(RepoPaths.TestData, "images", "jpeg", name);

    [Fact]
    public void Decode_DamagedInterval_IntactIntervalsMatchDjpegExactly()
    {
        var warnings = new List<string>();
        var options = new DecodeOptions { Warning = warnings.Add };

        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture("s444-restart-damaged.jpg")), "damaged.jpg", options);

        var djpeg = Pnm.Read(Fixture("s444-restart-damaged.ppm"));
        Assert.Equal((djpeg.Width, djpeg.Height), (image.Width, image.Height));
        var differing = Enumerable.Range(0, image.Height)
            .Where(y => !image.Row(y).SequenceEqual(djpeg.Row(y)))
            .ToList();
        Assert.All(differing, y => Assert.InRange(y, DamagedFirstRow, DamagedFirstRow + RowsPerInterval - 1));
        var warning = Assert.Single(warnings);
        Assert.StartsWith("damaged.jpg: corrupt JPEG data: restart interval 3 of 6 in this scan is damaged (8 MCUs each)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DamagedInterval_DamageIsReallyThere()
    {
        // Guards the test above: the damaged file must differ from the intact one, inside interval 3 only.
        var intact = Pnm.Read(Fixture("s444-restart-rows.ppm"));
        var damaged = Pnm.Read(Fixture("s444-restart-damaged.ppm"));

        var differing = Enumerable.Range(0, intact.Height).Where(y => !intact.Row(y).SequenceEqual(damaged.Row(y))).ToList();

        Assert.NotEmpty(differing);
        Assert.All(differing, y => Assert.InRange(y, DamagedFirstRow, DamagedFirstRow + RowsPerInterval - 1));
    }

    [Fact]
    public void Decode_UndamagedRestartFile_NoWarningAndMatchesDjpeg()
    {
        var warnings = new List<string>();

        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture("s444-restart-rows.jpg")), "rows.jpg", new DecodeOptions { Warning = warnings.Add });

        Assert.Empty(warnings);
        ImageComparison.AssertClose(image, Pnm.Read(Fixture("s444-restart-rows.ppm")), 0, 0);
    }

    [Fact]
    public void Decode_RestartMarkerDestroyed_NeighbourIntervalsLostOthersExact()
    {
        var data = File.ReadAllBytes(Fixture("s444-restart-rows.jpg"));
        var markers = Enumerable.Range(0, data.Length - 1).Where(i => data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7).ToList();
        data[markers[3] + 1] = 0x00; // RST3 becomes a stuffed 0xFF data byte: intervals 4 and 5 run together
        var warnings = new List<string>();

        var image = JpegDecoder.Decode(data, "lost.jpg", new DecodeOptions { Warning = warnings.Add });

        var intact = Pnm.Read(Fixture("s444-restart-rows.ppm"));
        var differing = Enumerable.Range(0, image.Height).Where(y => !image.Row(y).SequenceEqual(intact.Row(y))).ToList();
        Assert.All(differing, y => Assert.InRange(y, 3 * RowsPerInterval, (5 * RowsPerInterval) - 1));
        Assert.Contains("restart intervals 4-5 of 6", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DamagedIntervalWithoutWarningSink_StillDecodes()
    {
        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture("s444-restart-damaged.jpg")), "damaged.jpg");

        Assert.Equal((64, 48), (image.Width, image.Height));
    }
}
