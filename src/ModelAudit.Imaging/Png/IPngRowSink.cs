namespace ModelAudit.Imaging.Png;

/// <summary>Receives decoded rows, so one decoding loop can fill either a 16-bit raw image or an 8-bit RGBA one.</summary>
internal interface IPngRowSink
{
    /// <summary>
    /// Stores <paramref name="pass"/>.Width pixels of output row <paramref name="y"/>, the i-th at column
    /// pass.X0 + i * pass.DX; <paramref name="samples"/> holds the layout's output channels a pixel.
    /// </summary>
    void WriteRow(int y, InterlacePass pass, ReadOnlySpan<ushort> samples);
}
