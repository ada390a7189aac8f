using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Jpeg;

/// <summary>
/// Thousands of seeded corruptions of every JPEG and BMP fixture: the decoders may succeed or refuse, but
/// only with <see cref="ImageFormatException"/>, and never hang.
/// </summary>
public sealed class CorruptionTests
{
    private const int MutationsPerFile = 120;

    public static TheoryData<string> Folders => new() { "jpeg", "bmp" };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Decode_SeededCorruptions_OnlyTypedErrorsEscape(string folder)
    {
        var dir = Path.Combine(RepoPaths.TestData, "images", folder);
        var files = Directory.GetFiles(dir, "*." + (folder == "jpeg" ? "jpg" : "bmp")).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);
        var work = Task.Run(() =>
        {
            var refused = 0;
            var random = new Random(20240611);
            foreach (var file in files)
            {
                var original = File.ReadAllBytes(file);
                for (var i = 0; i < MutationsPerFile; i++)
                {
                    var mutated = Mutate(original, random);
                    try
                    {
                        var image = folder == "jpeg" ? JpegDecoder.Decode(mutated, file) : BmpDecoder.Decode(mutated, file);
                        Assert.Equal(image.Width * image.Height * 4, image.Pixels.Length);
                    }
                    catch (ImageFormatException e)
                    {
                        Assert.Equal(file, e.Source);
                        refused++;
                    }
                }
            }

            return refused;
        });

        // A hang detector, not a speed check: the run takes seconds, so only a decoder that never returns
        // reaches this bound, and then the test fails (TimeoutException) instead of stalling the suite.
        var refusedTotal = await work.WaitAsync(TimeSpan.FromMinutes(10));
        Assert.InRange(refusedTotal, 1, files.Length * MutationsPerFile);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                return data.AsSpan(0, random.Next(data.Length)).ToArray();
            case 1:
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }

                return data;
            case 2:
                data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                return data;
            case 3:
                // Marker-like bytes are where parsers go wrong.
                data[random.Next(data.Length)] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                return data;
            default:
                var at = random.Next(data.Length);
                var junk = new byte[random.Next(1, 16)];
                random.NextBytes(junk);
                return [.. data.AsSpan(0, at), .. junk, .. data.AsSpan(at)];
        }
    }
}
