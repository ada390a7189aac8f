namespace ModelAudit.Core.Reporting.Html;

/// <summary>Pictures travel inside the HTML file, so the report opens anywhere with no folder beside it.</summary>
internal static class DataUri
{
    public static string Png(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
