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
    [InlineData("model", SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("model", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("image", SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData("image", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("mask", "fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("labels", SpecialFiles.Zero, "is a character device, not a regular file")]
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
}
