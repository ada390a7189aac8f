using System.Buffers.Binary;
using System.Text;

namespace ModelAudit.Runtime.Native;

/// <summary>
/// The DLL names a Windows PE file imports, read from its import directory (PE/COFF specification: DOS header
/// -> e_lfanew -> "PE\0\0" -> COFF header -> optional header data directory 1 -> import descriptors). Works on any
/// host, so the check of onnxruntime.dll's dependencies is tested on Linux too. Only headers and the import
/// table are read, never the whole file.
/// </summary>
internal static class PeImports
{
    private const int ImportDescriptorSize = 20;
    private const int MaxImports = 4096;

    /// <exception cref="InvalidDataException">The file is not a PE image or its import table is damaged.</exception>
    public static IReadOnlyList<string> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(stream, path);
    }

    internal static IReadOnlyList<string> Read(Stream stream, string name)
    {
        var dos = ReadAt(stream, 0, 64, name);
        if (dos[0] != 'M' || dos[1] != 'Z')
        {
            throw new InvalidDataException($"{name} is not a Windows DLL (no MZ header).");
        }

        long peOffset = BinaryPrimitives.ReadUInt32LittleEndian(dos.AsSpan(0x3C));
        var coff = ReadAt(stream, peOffset, 24, name);
        if (BinaryPrimitives.ReadUInt32LittleEndian(coff) != 0x00004550)
        {
            throw new InvalidDataException($"{name} is not a Windows DLL (no PE signature at offset {peOffset}).");
        }

        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(coff.AsSpan(6));
        int optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(coff.AsSpan(20));
        var optional = ReadAt(stream, peOffset + 24, optionalSize, name);
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(optional);

        // Data directories start at 96 (PE32) or 112 (PE32+); entry 1 is the import table (RVA, size).
        var directories = magic switch
        {
            0x10B => 96,
            0x20B => 112,
            _ => throw new InvalidDataException($"{name}: unknown optional header magic 0x{magic:X}."),
        };
        if (optionalSize < directories + 16)
        {
            return [];
        }

        var importRva = BinaryPrimitives.ReadUInt32LittleEndian(optional.AsSpan(directories + 8));
        if (importRva == 0)
        {
            return [];
        }

        var sections = ReadSections(stream, peOffset + 24 + optionalSize, sectionCount, name);
        var names = new List<string>();
        for (var i = 0; i < MaxImports; i++)
        {
            var descriptor = ReadAt(stream, ToOffset(sections, importRva + (uint)(i * ImportDescriptorSize), name), ImportDescriptorSize, name);
            var nameRva = BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(12));
            if (nameRva == 0)
            {
                return names;
            }

            names.Add(ReadAsciiZ(stream, ToOffset(sections, nameRva, name), name));
        }

        throw new InvalidDataException($"{name}: the import table does not end within {MaxImports} entries.");
    }

    private readonly record struct Section(uint VirtualAddress, uint VirtualSize, uint RawOffset, uint RawSize);

    private static List<Section> ReadSections(Stream stream, long offset, int count, string name)
    {
        var table = ReadAt(stream, offset, count * 40, name);
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = table.AsSpan(i * 40);
            sections.Add(new Section(
                BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[20..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[16..])));
        }

        return sections;
    }

    private static long ToOffset(List<Section> sections, uint rva, string name)
    {
        foreach (var s in sections)
        {
            var size = Math.Max(s.VirtualSize, s.RawSize);
            if (rva >= s.VirtualAddress && rva < (long)s.VirtualAddress + size)
            {
                return s.RawOffset + (long)(rva - s.VirtualAddress);
            }
        }

        throw new InvalidDataException($"{name}: import table address 0x{rva:X} lies in no section.");
    }

    private static byte[] ReadAt(Stream stream, long offset, int count, string name)
    {
        if (offset < 0 || count < 0 || offset + count > stream.Length)
        {
            throw new InvalidDataException($"{name} is truncated (needs bytes {offset}..{offset + count}, has {stream.Length}).");
        }

        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static string ReadAsciiZ(Stream stream, long offset, string name)
    {
        // DLL names are short ASCII; 256 bytes is far beyond any real one.
        var available = (int)Math.Min(256, stream.Length - offset);
        var bytes = ReadAt(stream, offset, available, name);
        var end = Array.IndexOf(bytes, (byte)0);
        if (end < 0)
        {
            throw new InvalidDataException($"{name}: an imported DLL name at offset {offset} is not terminated.");
        }

        return Encoding.ASCII.GetString(bytes, 0, end);
    }
}
