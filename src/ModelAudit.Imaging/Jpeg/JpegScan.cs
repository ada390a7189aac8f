namespace ModelAudit.Imaging.Jpeg;

/// <summary>An SOS header: which components, the spectral band and the successive-approximation bits.</summary>
internal sealed record JpegScan(JpegComponent[] Components, int Ss, int Se, int Ah, int Al)
{
    public bool IsDc => Ss == 0;

    public bool IsRefinement => Ah != 0;
}
