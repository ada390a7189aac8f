namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// A picture that travels inside the HTML file (so the report opens anywhere with no folder beside it), kept as its
/// PNG bytes until the page is written: as text it would be 4/3 the bytes in UTF-16, twice, for every picture of
/// the report at once (about 90 MB for 32 photos). The template context writes it in base64 pieces.
/// </summary>
internal sealed class DataUri
{
    private const string Prefix = "data:image/png;base64,";

    // A multiple of 3 bytes, so the pieces' base64 joins into the whole's with no padding in between; 8,000
    // characters, so a piece (and the chunk a captured card copies it into) stays a small object, not a large one.
    private const int PieceBytes = 6_000;

    private readonly byte[] png;

    private DataUri(byte[] png) => this.png = png;

    public static DataUri Png(byte[] png) => new(png ?? throw new ArgumentNullException(nameof(png)));

    /// <summary>The whole URI (a template that concatenates or measures it gets this text).</summary>
    public override string ToString() => Prefix + Convert.ToBase64String(png);

    /// <summary>Hands the URI to <paramref name="write"/> in pieces of 8,000 characters; base64 needs no HTML encoding.</summary>
    public void WriteTo(Action<string> write)
    {
        write(Prefix);
        for (var offset = 0; offset < png.Length; offset += PieceBytes)
        {
            write(Convert.ToBase64String(png, offset, Math.Min(PieceBytes, png.Length - offset)));
        }
    }
}
