using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ModelAudit.Core.IO;

/// <summary>
/// Writes NumPy .npy version 1.0 files: float32, little-endian, C order, so `numpy.load` reads the
/// raw numbers behind every picture.
/// </summary>
public static class NpyWriter
{
    public static byte[] Encode(ReadOnlySpan<float> data, IReadOnlyList<long> shape)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
        {
            throw new ArgumentException($"shape [{string.Join(",", shape)}] holds {count} values, data has {data.Length}");
        }

        var dims = shape.Count == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // Magic (6) + version (2) + header length (2) + header, padded with spaces and a newline to 64 bytes.
        var total = 10 + header.Length + 1;
        var padded = header + new string(' ', (64 - (total % 64)) % 64) + "\n";
        var bytes = new byte[10 + padded.Length + (data.Length * 4)];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded.Length);
        Encoding.ASCII.GetBytes(padded, bytes.AsSpan(10));
        var body = bytes.AsSpan(10 + padded.Length);
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(body.Slice(i * 4), data[i]);
        }

        return bytes;
    }

    public static void Save(string path, ReadOnlySpan<float> data, IReadOnlyList<long> shape) =>
        AtomicFile.Write(path, Encode(data, shape));

    /// <summary>A value name as a file name (<see cref="SafeNames"/>); "", "." and ".." become "_".</summary>
    public static string SafeFileName(string name) => SafeNames.TryMap(name) ?? "_";
}
