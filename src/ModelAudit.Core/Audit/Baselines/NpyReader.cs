using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// Reads the float32 .npy files NpyWriter writes (version 1.0 or 2.0 header, little-endian, C order);
/// anything else is refused with the file named.
/// </summary>
internal static partial class NpyReader
{
    public static (float[] Data, long[] Shape) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{path}: cannot be read: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    public static (float[] Data, long[] Shape) Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || !bytes.Slice(1, 5).SequenceEqual("NUMPY"u8))
        {
            throw Corrupt(path, "not a .npy file (bad magic)");
        }

        var (headerLength, headerStart) = bytes[6] switch
        {
            1 => ((int)BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]), 10),
            2 when bytes.Length >= 12 => ((int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]), int.MaxValue), 12),
            _ => throw Corrupt(path, $"unsupported .npy version {bytes[6]}"),
        };
        if (headerLength > bytes.Length - headerStart)
        {
            throw Corrupt(path, "header runs past the end of the file");
        }

        var header = Encoding.ASCII.GetString(bytes.Slice(headerStart, headerLength));
        if (!header.Contains("'descr': '<f4'", StringComparison.Ordinal) || !header.Contains("'fortran_order': False", StringComparison.Ordinal))
        {
            throw Corrupt(path, $"expected little-endian float32 in C order, header is {header.Trim()}");
        }

        var match = ShapePattern().Match(header);
        if (!match.Success)
        {
            throw Corrupt(path, "header has no shape");
        }

        var shape = match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw Corrupt(path, $"bad dimension '{d}'"))
            .ToArray();
        var body = bytes[(headerStart + headerLength)..];
        long count;
        try
        {
            count = shape.Aggregate(1L, (a, b) => checked(a * b));
            _ = checked(count * 4);
        }
        catch (OverflowException)
        {
            throw Corrupt(path, $"shape ({string.Join(", ", shape)}) is too large");
        }

        if (count * 4 != body.Length)
        {
            throw Corrupt(path, $"shape ({string.Join(", ", shape)}) needs {count * 4} bytes of data, the file has {body.Length}");
        }

        var data = new float[count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..]);
        }

        return (data, shape);
    }

    private static ModelAuditException Corrupt(string path, string detail) => new($"{path}: {detail}");

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
