using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>
/// Turns one unfiltered scanline into output samples: unpacks sub-byte and 16-bit values, scales sub-byte
/// grey to 0..255 (spec 13.12), expands palette indexes and adds the alpha that tRNS implies.
/// </summary>
internal sealed class PngSampleUnpacker
{
    private readonly PngLayout _layout;
    private readonly string _source;
    private readonly int _channels;

    public PngSampleUnpacker(PngLayout layout, string source)
    {
        _layout = layout;
        _source = source;
        _channels = layout.OutputChannels;
    }

    public void Unpack(ReadOnlySpan<byte> row, int width, Span<ushort> samples)
    {
        var header = _layout.Header;
        switch (header.ColorType)
        {
            case PngColorType.Palette:
                UnpackPalette(row, width, samples);
                break;
            case PngColorType.Grey when header.BitDepth < 8:
                UnpackLowGrey(row, width, samples);
                break;
            default:
                UnpackWhole(row, width, samples);
                break;
        }
    }

    private static int Packed(ReadOnlySpan<byte> row, int x, int depth)
    {
        var bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private void UnpackPalette(ReadOnlySpan<byte> row, int width, Span<ushort> samples)
    {
        var palette = _layout.Palette!;
        var depth = _layout.Header.BitDepth;
        for (var x = 0; x < width; x++)
        {
            var index = depth == 8 ? row[x] : Packed(row, x, depth);
            if (index >= palette.Count)
            {
                throw PngErrors.At(_source, _layout.FirstIdatOffset,
                    $"pixel uses palette index {index} but PLTE has only {palette.Count} entries");
            }

            var o = x * _channels;
            samples[o] = palette.Rgb[index * 3];
            samples[o + 1] = palette.Rgb[(index * 3) + 1];
            samples[o + 2] = palette.Rgb[(index * 3) + 2];
            if (_channels == 4)
            {
                samples[o + 3] = palette.Alpha[index];
            }
        }
    }

    private void UnpackLowGrey(ReadOnlySpan<byte> row, int width, Span<ushort> samples)
    {
        var depth = _layout.Header.BitDepth;
        var scale = 255 / ((1 << depth) - 1);
        var key = _layout.ColorKey;
        for (var x = 0; x < width; x++)
        {
            var value = Packed(row, x, depth);
            var o = x * _channels;
            samples[o] = (ushort)(value * scale);
            if (key is { } k)
            {
                samples[o + 1] = value == k.R ? (ushort)0 : (ushort)255;
            }
        }
    }

    /// <summary>8- and 16-bit samples of every non-palette type, one stored sample to one output sample.</summary>
    private void UnpackWhole(ReadOnlySpan<byte> row, int width, Span<ushort> samples)
    {
        var stored = _layout.Header.StoredChannels;
        var wide = _layout.Header.BitDepth == 16;
        var opaque = wide ? ushort.MaxValue : (ushort)255;
        var key = _layout.ColorKey;
        for (var x = 0; x < width; x++)
        {
            var o = x * _channels;
            for (var c = 0; c < stored; c++)
            {
                var i = (x * stored) + c;
                samples[o + c] = wide ? BinaryPrimitives.ReadUInt16BigEndian(row[(i * 2)..]) : row[i];
            }

            if (key is { } k)
            {
                var transparent = stored == 1
                    ? samples[o] == k.R
                    : samples[o] == k.R && samples[o + 1] == k.G && samples[o + 2] == k.B;
                samples[o + stored] = transparent ? (ushort)0 : opaque;
            }
        }
    }
}
