using System.Buffers.Binary;

namespace ModelAudit.Imaging.Tests.Png;

public sealed class PngMutationTests
{
    private static readonly string[] Seeds = ["rgb-8", "palette-4-trns", "grey-2", "rgba-16-i", "greyalpha-8-i", "rgba-16-split"];

    [Fact]
    public void Decode_ThousandsOfSeededCorruptions_SucceedOrThrowImageFormatExceptionOnly()
    {
        var random = new Random(20240611);
        var refused = 0;
        var decoded = 0;
        for (var i = 0; i < 3000; i++)
        {
            var name = Seeds[i % Seeds.Length];
            var data = Mutate(PngFixtures.Read(name), random, out var what);

            // Half the time repair the CRCs, so corruption reaches the chunk parsers and the inflater, not just the CRC check.
            if (random.Next(2) == 0)
            {
                RepairCrcs(data);
            }

            try
            {
                _ = PngDecoder.Decode(data, name);
                _ = PngDecoder.DecodeRaw(data, name);
                decoded++;
            }
            catch (ImageFormatException e)
            {
                Assert.Equal(name, e.Source);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} of {name} ({what}) threw {e.GetType().Name}: {e}");
            }
        }

        Assert.True(refused > 1000, $"only {refused} refused");
        Assert.True(decoded > 10, $"only {decoded} decoded");
    }

    private static byte[] Mutate(byte[] data, Random random, out string what)
    {
        switch (random.Next(5))
        {
            case 0:
                var bit = random.Next(data.Length * 8);
                data[bit / 8] ^= (byte)(1 << (bit % 8));
                what = $"bit {bit} flipped";
                return data;
            case 1:
                var at = random.Next(data.Length);
                data[at] = (byte)random.Next(256);
                what = $"byte {at} replaced";
                return data;
            case 2:
                var keep = random.Next(data.Length);
                what = $"truncated to {keep}";
                return data[..keep];
            case 3:
                var chunk = RandomChunkOffset(data, random);
                var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(chunk));
                var changed = random.Next(3) switch
                {
                    0 => length + (uint)random.Next(1, 9),
                    1 => length - (uint)Math.Min(length, random.Next(1, 9)),
                    _ => (uint)random.Next(),
                };
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(chunk), changed);
                what = $"chunk length at {chunk} set to {changed}";
                return data;
            default:
                // Corrupt the compressed stream itself (inside the first IDAT's data).
                var idat = IdatDataOffset(data);
                var index = idat + random.Next(Math.Max(1, data.Length - 12 - idat));
                data[index] = (byte)random.Next(256);
                what = $"IDAT byte {index} replaced";
                return data;
        }
    }

    private static int RandomChunkOffset(byte[] data, Random random)
    {
        var offsets = ChunkOffsets(data);
        return offsets[random.Next(offsets.Count)];
    }

    private static int IdatDataOffset(byte[] data)
    {
        foreach (var at in ChunkOffsets(data))
        {
            if (data.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                return at + 8;
            }
        }

        return 8;
    }

    private static List<int> ChunkOffsets(byte[] data)
    {
        var offsets = new List<int>();
        var at = 8;
        while (at + 12 <= data.Length)
        {
            offsets.Add(at);
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            if (length > (uint)(data.Length - at - 12))
            {
                break;
            }

            at += 12 + (int)length;
        }

        return offsets;
    }

    private static void RepairCrcs(byte[] data)
    {
        foreach (var at in ChunkOffsets(data))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            if (length <= (uint)(data.Length - at - 12))
            {
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(at + 8 + (int)length), PngDecoderErrorTests.BitwiseCrc(data.AsSpan(at + 4, 4 + (int)length)));
            }
        }
    }
}
