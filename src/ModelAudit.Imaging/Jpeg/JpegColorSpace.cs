namespace ModelAudit.Imaging.Jpeg;

internal enum JpegColorSpace
{
    Grey,
    YCbCr,
    Rgb,
    Cmyk,
    Ycck,
}
