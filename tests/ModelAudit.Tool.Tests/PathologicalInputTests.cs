using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>
/// Devices and FIFOs given as any input file, and inputs asking for too much work: one line naming the
/// file or the limit and the option that raises it, exit 2, no hang, no out-of-memory.
/// </summary>
public sealed class PathologicalInputTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Special(string which) => which == "fifo" ? SpecialFiles.Fifo(temp, "special") : which;

    [Theory]
    [InlineData(SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData(SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    public void Audit_ConfigIsNotARegularFile_ExitsTwoNamingIt(string which, string expected)
    {
        if (!SpecialFiles.Supported)
        {
            return;
        }

        var config = Special(which);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"modelaudit: error: {config}: {expected}", result.Stderr.Trim());
    }

    [Theory]
    [InlineData("model", SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData("model", SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("model", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("image", SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData("image", SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("image", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("mask", SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData("mask", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("labels", SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData("labels", SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("labels", "fifo", "is a FIFO (named pipe), not a regular file")]
    public void Audit_ConfigNamesASpecialFile_ExitsTwoWithTheEntryAndWhy(string entry, string which, string expected)
    {
        if (!SpecialFiles.Supported)
        {
            return;
        }

        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var special = Special(which);
        var text = File.ReadAllText(config);
        text = entry switch
        {
            "model" => text.Replace("\"model.onnx\"", $"\"{special}\"", StringComparison.Ordinal),
            "image" => text.Replace("\"a.png\"", $"\"{special}\"", StringComparison.Ordinal),
            "mask" => text.Replace("{ \"box\": [10, 10, 12, 12] }] },\n", $"{{ \"mask\": \"{special}\" }}] }},\n", StringComparison.Ordinal),
            _ => text.Replace("[\"object\", \"empty\"]", $"\"{special}\"", StringComparison.Ordinal),
        };
        Assert.Contains(special, text, StringComparison.Ordinal);
        File.WriteAllText(config, text);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(special, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_ImageIsFifo_ExitsTwoWithoutWaitingForAWriter()
    {
        if (!SpecialFiles.Supported)
        {
            return;
        }

        ShortcutFixture.Create(temp.Path, shortcut: false);
        var fifo = SpecialFiles.Fifo(temp, "picture.png");

        var result = ToolProcess.RunIn(temp.Path, "cam", "model.onnx", fifo, "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"modelaudit: error: {fifo}: is a FIFO (named pipe), not a regular file", result.Stderr.Trim());
    }

    [Fact]
    public void Audit_ConfigRaisesTheInputLimit_LargeSizeAccepted()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var text = File.ReadAllText(config)
            .Replace("\"baseline\": \"baseline\",", "\"baseline\": \"baseline\", \"limits\": {\"maxInputElements\": 3000},", StringComparison.Ordinal);
        File.WriteAllText(config, text);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        // 3x32x32 = 3072 > 3000: the configured limit, not the default, refuses it.
        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        Assert.Contains("= 3072 elements per image (size 32x32 from modelaudit.json), above the limit of 3000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_ImageOverThePixelLimit_ExitsTwoNamingTheOption()
    {
        ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "cam", "model.onnx", "a.png", "--device", "cpu", "--max-pixels", "1000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a.png: image is 32x32 = 1024 pixels, above the limit of 1000; if this is intended, raise it with --max-pixels N", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_SmallPngDeclaringHugeImage_ExitsTwoFromTheHeaderNamingTheOption()
    {
        ShortcutFixture.Create(temp.Path, shortcut: false);
        // 10000x10000 grey pixels of zero compress to about 100 KB: a decompression bomb of 100 megapixels.
        var bomb = temp.File("bomb.png");
        File.WriteAllBytes(bomb, GreyPng(10_000, 10_000));
        Assert.InRange(new FileInfo(bomb).Length, 1, 300 << 10);

        var result = ToolProcess.RunIn(temp.Path, "cam", "model.onnx", bomb, "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bomb.png: image is 10000x10000 = 100000000 pixels, above the limit of 50000000; if this is intended, raise it with --max-pixels N", line, StringComparison.Ordinal);
    }

    private static byte[] GreyPng(int width, int height)
    {
        using var raw = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(raw, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1]; // filter byte 0, then zeros
            for (var y = 0; y < height; y++)
            {
                z.Write(row);
            }
        }

        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, adaptive filters, no interlace
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4), .. data]));
        png.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit: fast enough for three chunks.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
