using PdfSharp.Fonts;

namespace LiveOrders.Core.Reports;

/// <summary>
/// PDFsharp's fonts: DejaVu Sans (regular and bold), embedded in this assembly, so a справка has its Cyrillic glyphs on a
/// server with no fonts installed. PDFsharp keeps one resolver per process, set before its first font: <see cref="Ensure"/>.
/// </summary>
public sealed class SpravkaFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";

    private static readonly SpravkaFonts Instance = new();
    private static readonly Lock Gate = new();

    private SpravkaFonts() { }

    /// <summary>Installs this resolver once; every later call finds it in place.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Any family asked for gets DejaVu Sans: no other font is here. Italic is slanted by PDFsharp.
        new(bold ? Bold : Regular, false, italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(SpravkaFonts).Assembly.GetManifestResourceStream($"LiveOrders.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
