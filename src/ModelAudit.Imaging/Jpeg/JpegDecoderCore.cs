using System.Buffers.Binary;

namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Walks the marker segments, decodes every scan into coefficients, then produces pixels: IDCT per
/// component, upsampling, colour conversion and EXIF orientation.
/// </summary>
internal sealed class JpegDecoderCore
{
    // Bounds the work a hostile progressive file can ask for (each scan may revisit every block).
    private const int MaxScans = 1000;

    private readonly string source;
    private readonly DecodeOptions options;
    private readonly ushort[]?[] quantTables = new ushort[4][];
    private readonly HuffmanTable?[] dcTables = new HuffmanTable[4];
    private readonly HuffmanTable?[] acTables = new HuffmanTable[4];
    private JpegFrame? frame;
    private int restartInterval;
    private int? adobeTransform;
    private bool jfif;
    private int orientation = 1;
    private int scans;

    private JpegDecoderCore(string source, DecodeOptions options)
    {
        this.source = source;
        this.options = options;
    }

    public static Image Decode(ReadOnlySpan<byte> data, string source, DecodeOptions options)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != 0xD8)
        {
            JpegError.Throw(source, 0, "not a JPEG file (no SOI marker)");
        }

        var core = new JpegDecoderCore(source, options);
        core.ReadSegments(data);
        return core.ProducePixels();
    }

    private void ReadSegments(ReadOnlySpan<byte> data)
    {
        var pos = 2;
        while (true)
        {
            if (pos >= data.Length)
            {
                JpegError.Truncated(source, pos, "the marker segments (no EOI marker)");
            }

            if (data[pos] != 0xFF)
            {
                JpegError.Throw(source, pos, $"corrupt JPEG: expected a marker, found byte 0x{data[pos]:X2}");
            }

            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                JpegError.Truncated(source, pos, "a marker");
            }

            var marker = data[pos];
            var markerOffset = pos - 1;
            pos++;
            if (marker == 0xD9)
            {
                if (frame is null || scans == 0)
                {
                    JpegError.Throw(source, markerOffset, "JPEG ends (EOI) before any image data");
                }

                return;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }

            if (marker is 0x00 or 0xD8)
            {
                JpegError.Throw(source, markerOffset, $"corrupt JPEG: unexpected marker 0xFF{marker:X2}");
            }

            if (pos + 2 > data.Length)
            {
                JpegError.Truncated(source, pos, "a segment length");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2)
            {
                JpegError.Throw(source, pos, $"corrupt JPEG: segment length {length} is below 2");
            }

            if (pos + length > data.Length)
            {
                JpegError.Truncated(source, pos, $"the segment of marker 0xFF{marker:X2}");
            }

            var body = data.Slice(pos + 2, length - 2);
            var bodyOffset = pos + 2;
            pos += length;
            if (marker == 0xDA)
            {
                pos = ReadScan(data, body, bodyOffset, pos);
            }
            else
            {
                ReadSegment(marker, body, bodyOffset, markerOffset);
            }
        }
    }

    private void ReadSegment(byte marker, ReadOnlySpan<byte> body, int bodyOffset, int markerOffset)
    {
        switch (marker)
        {
            case 0xC0 or 0xC1 or 0xC2:
                if (frame is not null)
                {
                    JpegError.Throw(source, markerOffset, "corrupt JPEG: a second frame header (SOF)");
                }

                frame = JpegSegments.ReadFrame(body, bodyOffset, source, marker == 0xC2, options);
                frame.AllocateCoefficients();
                break;
            case 0xC3 or 0xC7 or 0xCB or 0xCF:
                JpegError.Throw(source, markerOffset, $"lossless JPEG (SOF{marker - 0xC0}) is not supported");
                break;
            case 0xC5 or 0xC6:
                JpegError.Throw(source, markerOffset, $"hierarchical JPEG (SOF{marker - 0xC0}) is not supported");
                break;
            case 0xC9 or 0xCA or 0xCD or 0xCE or 0xCC:
                JpegError.Throw(source, markerOffset, "arithmetic-coded JPEG is not supported (only Huffman coding)");
                break;
            case 0xC4:
                JpegSegments.ReadHuffmanTables(body, bodyOffset, source, dcTables, acTables);
                break;
            case 0xDB:
                JpegSegments.ReadQuantTables(body, bodyOffset, source, quantTables);
                break;
            case 0xDD:
                restartInterval = body.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(body)
                    : JpegError.Throw<int>(source, bodyOffset, "corrupt JPEG: short restart interval segment");
                break;
            case 0xE0:
                jfif |= body.StartsWith("JFIF\0"u8);
                break;
            case 0xE1 when ExifOrientation.IsExif(body) && orientation == 1:
                orientation = ExifOrientation.Read(body);
                break;
            case 0xEE:
                adobeTransform = JpegSegments.ReadAdobeTransform(body) ?? adobeTransform;
                break;
            default:
                // Other APPn, COM, DNL-less extensions and JPGn: nothing we need.
                break;
        }
    }

    private int ReadScan(ReadOnlySpan<byte> data, ReadOnlySpan<byte> body, int bodyOffset, int entropyStart)
    {
        if (frame is null)
        {
            JpegError.Throw(source, bodyOffset, "corrupt JPEG: scan (SOS) before the frame header (SOF)");
        }

        if (++scans > MaxScans)
        {
            JpegError.Throw(source, bodyOffset, $"JPEG has more than {MaxScans} scans");
        }

        var scan = JpegSegments.ReadScan(body, bodyOffset, source, frame);
        foreach (var c in scan.Components)
        {
            c.Quant ??= quantTables[c.QuantTable]
                ?? JpegError.Throw<ushort[]>(source, bodyOffset, $"component {c.Id} uses quantization table {c.QuantTable}, which was never defined");
        }

        var blocks = new BlockDecoder(dcTables, acTables, source, bodyOffset);
        return ScanDecoder.Decode(data, entropyStart, source, frame, scan, restartInterval, blocks, options);
    }

    private Image ProducePixels()
    {
        var f = frame!;
        var planes = new byte[f.Components.Length][];
        for (var i = 0; i < planes.Length; i++)
        {
            var c = f.Components[i];

            // A component no scan ever named decodes as flat grey, as libjpeg does.
            var plane = ComponentPlane.FromCoefficients(c, c.Quant ?? new ushort[64]);
            planes[i] = Upsampler.ToFullSize(plane, f.MaxH / c.H, f.MaxV / c.V, f.Width, f.Height);
        }

        var rgba = JpegColorConverter.ToRgba(planes, ColorSpace(f), f.Width * f.Height);
        return Orientation.Apply(new Image(f.Width, f.Height, rgba), orientation);
    }

    // libjpeg's rules (jdapimin.c default_decompress_parms): JFIF means YCbCr, then Adobe's transform flag,
    // then component ids spelling "RGB"; otherwise YCbCr for three components and CMYK for four.
    private JpegColorSpace ColorSpace(JpegFrame f)
    {
        var ids = f.Components;
        return ids.Length switch
        {
            1 => JpegColorSpace.Grey,
            3 when jfif => JpegColorSpace.YCbCr,
            3 when adobeTransform is int t => t == 0 ? JpegColorSpace.Rgb : JpegColorSpace.YCbCr,
            3 when ids[0].Id == 'R' && ids[1].Id == 'G' && ids[2].Id == 'B' => JpegColorSpace.Rgb,
            3 => JpegColorSpace.YCbCr,
            _ => adobeTransform == 2 ? JpegColorSpace.Ycck : JpegColorSpace.Cmyk,
        };
    }
}
