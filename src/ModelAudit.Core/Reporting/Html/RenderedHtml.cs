using System.Text;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// A partial's captured output (markup our templates produced, so written without encoding), kept in the pieces it
/// was written in and written on in those pieces: as one string a photo's card is a 1-2 MB allocation, and a report
/// of many photos left one such string of garbage per card.
/// </summary>
internal sealed class RenderedHtml(StringBuilder html)
{
    /// <summary>Hands the markup to <paramref name="write"/> a piece at a time, in order.</summary>
    public void WriteTo(Action<string> write)
    {
        foreach (var piece in html.GetChunks())
        {
            write(piece.ToString());
        }
    }

    /// <summary>The whole markup (a template that concatenates or measures the partial gets this text).</summary>
    public override string ToString() => html.ToString();
}
