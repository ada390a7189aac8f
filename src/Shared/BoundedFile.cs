using System.Runtime.InteropServices;

namespace ModelAudit.IO;

/// <summary>
/// Reads an input file only when it is a regular file, and never more than a limit. Devices (/dev/zero),
/// FIFOs and sockets are refused from their type before they are opened (opening a FIFO blocks until a
/// writer appears), and reads stop at the limit even when a file lies about its length.
/// Compiled into each assembly that reads user files (a linked source file, so the layers stay independent).
/// </summary>
internal static partial class BoundedFile
{
    /// <summary>
    /// Throws <see cref="FileNotFoundException"/> for a missing file and <see cref="BoundedFileException"/> for anything
    /// but a regular file (symbolic links followed).
    /// </summary>
    public static void RequireRegular(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new BoundedFileException("the path contains a NUL character");
        }

        if (Directory.Exists(path))
        {
            throw new BoundedFileException("is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("file not found", path);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var kind = UnixKind(path);
        if (kind is not null)
        {
            throw new BoundedFileException($"is {kind}, not a regular file");
        }
    }

    /// <summary>The whole file, refused with a message naming the limit when it holds more than <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAll(string path, long maxBytes, string limitHint)
    {
        RequireRegular(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var declared = stream.CanSeek ? stream.Length : 0;
        if (declared > maxBytes)
        {
            throw TooLarge(declared, maxBytes, limitHint);
        }

        // Read up to one byte past the limit whatever the length said: a file can grow while it is read.
        var buffer = new byte[(int)Math.Min(Math.Max(declared, 4096), Math.Min(maxBytes + 1, Array.MaxLength))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    throw TooLarge(total, maxBytes, limitHint);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Math.Min(maxBytes + 1, Array.MaxLength)));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total > maxBytes)
        {
            throw TooLarge(total, maxBytes, limitHint);
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }

    private static BoundedFileException TooLarge(long size, long maxBytes, string limitHint) =>
        new($"is larger than {Describe(maxBytes)}, the limit for this kind of file{(size > maxBytes + 1 ? $" ({size} bytes)" : "")}; {limitHint}");

    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        _ => $"{bytes} bytes",
    };

    // .NET's own native shim (System.Native) returns the file type in a layout that is the same on every
    // Unix, unlike libc's struct stat; the runtime resolves this library name itself.
    private static string? UnixKind(string path)
    {
        var status = default(FileStatus);
        if (Stat(path, ref status) != 0)
        {
            return null; // Let the open report the real error (permissions, a vanished file).
        }

        return (status.Mode & 0xF000) switch
        {
            0x8000 => null,
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a folder",
            _ => "a special file",
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref FileStatus output);

    // Only Mode is read; the size leaves room for fields later runtimes may add.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}

/// <summary>An input file that is not a regular file or is over its size limit; the message omits the path (callers add it).</summary>
internal sealed class BoundedFileException(string message) : IOException(message);
