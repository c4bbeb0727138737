using System.Text;
using UglyToad.PdfPig;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A PDF's text read back with PdfPig, page by page and line by line (letters on one baseline, left to right). Where
/// two letters of a line stand apart (table cells, or text aligned left and right), « | » marks the gap, so a table
/// row reads «ЖКХ | 4 | 3 | 2 | 67 % | 1 | 1». A no-break space reads as a space.
/// </summary>
public static class PdfText
{
    public static IReadOnlyList<IReadOnlyList<string>> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(page => (IReadOnlyList<string>)page.Letters
                .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
                .OrderByDescending(g => g.Key)
                .Select(line =>
                {
                    var text = new StringBuilder();
                    double? end = null;
                    foreach (var letter in line.OrderBy(l => l.StartBaseLine.X))
                    {
                        if (end is { } e && letter.StartBaseLine.X - e > 4) text.Append(" | ");
                        text.Append(letter.Value);
                        end = letter.EndBaseLine.X;
                    }
                    return System.Text.RegularExpressions.Regex.Replace(text.ToString().Replace('\u00A0', ' '), @"\s*\|\s*", " | ").Trim();
                })
                .ToList())
            .ToList();
    }

    /// <summary>All the lines, page after page.</summary>
    public static IReadOnlyList<string> Lines(byte[] pdf) => Pages(pdf).SelectMany(p => p).ToList();
}
