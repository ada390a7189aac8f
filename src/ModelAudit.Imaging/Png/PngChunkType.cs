using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>The chunk types the codec acts on, as the big-endian integers of their four ASCII letters.</summary>
internal static class PngChunkType
{
    public const uint Ihdr = 0x49484452;
    public const uint Plte = 0x504C5445;
    public const uint Idat = 0x49444154;
    public const uint Iend = 0x49454E44;
    public const uint Trns = 0x74524E53;

    public static string Name(uint type)
    {
        Span<byte> letters = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(letters, type);
        var chars = new char[4];
        for (var i = 0; i < 4; i++)
        {
            var c = (char)letters[i];
            chars[i] = char.IsAsciiLetter(c) ? c : '?';
        }

        return new string(chars);
    }

    /// <summary>Bit 5 of the first letter clear (upper case) marks a chunk a decoder must understand.</summary>
    public static bool IsCritical(uint type) => (type & 0x2000_0000u) == 0;

    public static bool IsWellFormed(uint type)
    {
        for (var shift = 0; shift < 32; shift += 8)
        {
            if (!char.IsAsciiLetter((char)((type >> shift) & 0xFF)))
            {
                return false;
            }
        }

        return true;
    }
}
