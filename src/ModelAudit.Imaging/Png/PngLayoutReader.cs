namespace ModelAudit.Imaging.Png;

/// <summary>
/// The chunk pass: checks every chunk's CRC and the ordering rules, refuses oversized images straight
/// from IHDR, and gathers the IDAT payload. No pixel memory is allocated here.
/// </summary>
internal static class PngLayoutReader
{
    public static PngLayout Read(ReadOnlySpan<byte> file, string source, DecodeOptions options)
    {
        var reader = new PngChunkReader(file, source);
        if (!reader.TryRead(out var first) || first.Type != PngChunkType.Ihdr)
        {
            throw PngErrors.At(source, PngChunkReader.SignatureLength, "the first chunk must be IHDR");
        }

        var header = PngHeader.Parse(first, file, source);
        options.CheckSize(source, header.Width, header.Height, first.Offset);

        // The decoded image lives in one array of up to 4 values a pixel; refuse what no array can hold.
        if ((long)header.Width * header.Height > Array.MaxLength / 4)
        {
            throw PngErrors.InChunk(source, first, $"image is {header.Width}x{header.Height}, too large to hold in memory");
        }

        PngPalette? palette = null;
        PngColorKey? colorKey = null;
        var idat = new List<PngChunk>();
        var idatEnded = false;
        var sawEnd = false;
        while (reader.TryRead(out var chunk))
        {
            if (chunk.Type == PngChunkType.Idat)
            {
                if (idatEnded)
                {
                    throw PngErrors.InChunk(source, chunk, "IDAT chunks must be consecutive, but another chunk came between them");
                }

                if (header.ColorType == PngColorType.Palette && palette is null)
                {
                    throw PngErrors.InChunk(source, chunk, "a palette image needs its PLTE chunk before the image data");
                }

                idat.Add(chunk);
                continue;
            }

            idatEnded = idat.Count > 0;
            switch (chunk.Type)
            {
                case PngChunkType.Ihdr:
                    throw PngErrors.InChunk(source, chunk, "a second IHDR chunk");
                case PngChunkType.Plte:
                    if (palette is not null || idatEnded)
                    {
                        throw PngErrors.InChunk(source, chunk, "PLTE must appear once, before the image data");
                    }

                    if (header.ColorType is PngColorType.Grey or PngColorType.GreyAlpha)
                    {
                        throw PngErrors.InChunk(source, chunk, "a grey image cannot have a palette");
                    }

                    palette = PngPalette.Parse(chunk, file, source, header);
                    break;
                case PngChunkType.Trns when !idatEnded:
                    (palette, colorKey) = ApplyTransparency(chunk, file, source, header, palette, colorKey);
                    break;
                case PngChunkType.Iend:
                    sawEnd = true;
                    break;
                default:
                    if (PngChunkType.IsCritical(chunk.Type))
                    {
                        throw PngErrors.InChunk(source, chunk, "unknown critical chunk; this image needs a decoder that understands it");
                    }

                    break;
            }

            if (sawEnd)
            {
                break;
            }
        }

        if (idat.Count == 0)
        {
            throw PngErrors.At(source, file.Length, "no IDAT chunk: the file holds no image data");
        }

        if (!sawEnd)
        {
            throw PngErrors.At(source, file.Length, "no IEND chunk: the file is truncated");
        }

        if (header.ColorType == PngColorType.Palette && palette is null)
        {
            throw PngErrors.At(source, idat[0].Offset, "a palette image without a PLTE chunk");
        }

        return new PngLayout(header, header.ColorType == PngColorType.Palette ? palette : null, colorKey,
            Concatenate(file, idat), idat[0].Offset);
    }

    private static (PngPalette? Palette, PngColorKey? Key) ApplyTransparency(
        PngChunk chunk, ReadOnlySpan<byte> file, string source, PngHeader header, PngPalette? palette, PngColorKey? key)
    {
        switch (header.ColorType)
        {
            case PngColorType.Palette:
                if (palette is null)
                {
                    throw PngErrors.InChunk(source, chunk, "tRNS must follow PLTE in a palette image");
                }

                return (palette.WithAlpha(chunk, file, source), key);
            case PngColorType.Grey or PngColorType.Rgb:
                return (palette, PngColorKey.Parse(chunk, file, source, header));
            default:
                // Images with an alpha channel have no use for tRNS; like libpng, ignore it rather than refuse the file.
                return (palette, key);
        }
    }

    private static byte[] Concatenate(ReadOnlySpan<byte> file, List<PngChunk> idat)
    {
        var total = 0;
        foreach (var chunk in idat)
        {
            total += chunk.DataLength;
        }

        var data = new byte[total];
        var at = 0;
        foreach (var chunk in idat)
        {
            chunk.Data(file).CopyTo(data.AsSpan(at));
            at += chunk.DataLength;
        }

        return data;
    }
}
