namespace ModelAudit.Imaging.Png;

/// <summary>Inflates, unfilters and unpacks every scanline of every pass, handing rows to a sink.</summary>
internal static class PngPixelDecoder
{
    public static void Decode(PngLayout layout, string source, IPngRowSink sink)
    {
        var header = layout.Header;
        var unpacker = new PngSampleUnpacker(layout, source);
        var channels = layout.OutputChannels;
        var stride = header.FilterStride;
        var passes = Adam7.Passes(header.Width, header.Height, header.Interlaced);
        var maxRow = (int)header.RowBytes(header.Width);
        var line = new byte[maxRow + 1];
        var prior = new byte[maxRow];
        var samples = new ushort[checked(header.Width * channels)];

        using var reader = new PngImageDataReader(layout.CompressedData, source, layout.FirstIdatOffset);
        for (var p = 0; p < passes.Length; p++)
        {
            var pass = passes[p];
            if (pass.IsEmpty)
            {
                continue;
            }

            var rowBytes = (int)header.RowBytes(pass.Width);
            var priorRow = prior.AsSpan(0, rowBytes);
            priorRow.Clear();
            for (var r = 0; r < pass.Height; r++)
            {
                var y = pass.Y0 + (r * pass.DY);
                var current = line.AsSpan(0, rowBytes + 1);
                reader.ReadLine(current, p, y);
                var row = current[1..];
                if (!PngFilters.TryUnfilter(current[0], row, priorRow, stride))
                {
                    throw PngErrors.At(source, layout.FirstIdatOffset, $"row {y} of pass {p + 1} has unknown filter type {current[0]}");
                }

                unpacker.Unpack(row, pass.Width, samples);
                sink.WriteRow(y, pass, samples);
                row.CopyTo(priorRow);
            }
        }
    }
}
