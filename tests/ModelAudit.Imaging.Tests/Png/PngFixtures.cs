using System.Buffers.Binary;
using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Png;

/// <summary>The committed PNG fixtures and their ImageMagick reference decodes (16-bit big-endian RGBA).</summary>
internal static class PngFixtures
{
    public static string Folder => Path.Combine(RepoPaths.TestData, "images", "png");

    public static string CorruptFolder => Path.Combine(Folder, "corrupt");

    public static IEnumerable<object[]> Names() =>
        Directory.GetFiles(Folder, "*.png").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });

    public static IEnumerable<object[]> CorruptNames() =>
        Directory.GetFiles(CorruptFolder, "*.png").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".png"));

    public static byte[] ReadCorrupt(string name) => File.ReadAllBytes(Path.Combine(CorruptFolder, name + ".png"));

    /// <summary>The reference pixels; a missing reference file fails the test that asks for it.</summary>
    public static ushort[] Reference(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name + ".rgba16"));
        var samples = new ushort[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i * 2));
        }

        return samples;
    }

    /// <summary>
    /// What the file name promises: colour type from the prefix, bit depth from the number, Adam7 from "-i".
    /// </summary>
    public static (int ColorType, int BitDepth, bool Interlaced, bool Transparent) Expected(string name)
    {
        var parts = name.Split('-');
        var colorType = parts[0] switch
        {
            "grey" => 0,
            "rgb" => 2,
            "palette" => 3,
            "greyalpha" => 4,
            "rgba" => 6,
            _ => throw new ArgumentException($"Unknown fixture kind in {name}."),
        };
        return (colorType, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts.Contains("i"), parts.Contains("trns"));
    }
}
