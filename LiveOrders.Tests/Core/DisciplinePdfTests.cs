using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using UglyToad.PdfPig;

namespace LiveOrders.Tests.Core;

/// <summary>
/// The справка's PDF layout with thousands of rows (no database: a report made up in the test): tables continue on the
/// next pages under their header row again, every page is numbered, and no text runs past the margins.
/// </summary>
public sealed class DisciplinePdfTests
{
    private const string LongTitle = "Обеспечить подготовку и представление в администрацию сведений о ходе капитального ремонта многоквартирных домов "
        + "с приложением фотоматериалов, актов выполненных работ, графиков и пояснительной записки по каждому адресу";
    private const string Unbroken = "ОченьДлинноеНазваниеБезПробеловКотороеНеПомещаетсяВСтолбецНиПриКакихОбстоятельствахИНикогда";

    private static DisciplineReport Report(int overdue, int late)
    {
        var figures = Enumerable.Range(1, 12)
            .Select(i => new DepartmentFigures(i, i == 1 ? "Комитет по управлению муниципальным имуществом и земельным отношениям" : $"Отдел {i}",
                10 * i, 5 * i, 4 * i, i, null, null, null, null, 0, 0, 0, 0, null))
            .ToList();
        LateOrder Order(int i) => new(i, $"П-2026/{i:00000}", i % 2 == 0 ? LongTitle : $"Поручение {i}", i % 3 == 0 ? Unbroken : "ЖКХ",
            new DateTime(2026, 3, 1, 10, 0, 0), TimeSpan.FromHours(i), i % 2 == 0 ? "Требуется согласование: " + LongTitle : null);
        return new DisciplineReport(
            new DisciplineHeader("Администрация города Новокузнецка", "за I квартал 2026 г.", DisciplineReports.AllDepartments, new DateTime(2026, 4, 1, 9, 0, 0)),
            figures, new DisciplineTotals(780, 390, 312, 78), DisciplineText.Summary(new DisciplineTotals(780, 390, 312, 78)),
            Enumerable.Range(1, overdue).Select(Order).ToList(), Enumerable.Range(overdue + 1, late).Select(Order).ToList());
    }

    [Fact]
    public void ThousandsOfRows_BreakAcrossPages_WithTheHeaderRowRepeatedAndEveryPageNumbered()
    {
        var pdf = DisciplinePdf.Write(Report(overdue: 2000, late: 1000));

        var pages = PdfText.Pages(pdf);
        Assert.True(pages.Count > 50, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
            Assert.EndsWith($"| Страница {i + 1} из {pages.Count}", pages[i][^1]);
        // Every page after the first continues a list under its header row (or starts the second list, its heading first).
        Assert.All(pages.Skip(1).SkipLast(1), page =>
            Assert.StartsWith("№ | Номер | Поручение | Подразделение | Срок |", page[page[0].StartsWith("3. ") ? 1 : 0]));
        // Every row is there once, in order (a row's first line starts with its number and the order's).
        var rows = pages.SelectMany(p => p).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ \| П-2026/")).ToList();
        Assert.Equal(3000, rows.Count);
        Assert.Equal(Enumerable.Range(1, 2000).Concat(Enumerable.Range(1, 1000)), rows.Select(r => int.Parse(r.Split(' ')[0])));
    }

    [Fact]
    public void LongTextIsWrappedAndCutWithAnEllipsis_AndNothingRunsOffThePage()
    {
        var pdf = DisciplinePdf.Write(Report(overdue: 40, late: 10));

        var text = string.Join(" ", PdfText.Lines(pdf));
        Assert.Contains("Комитет по управлению", text);
        Assert.Contains("…", text);                                        // the long title is cut past its four lines
        Assert.DoesNotContain("по каждому адресу", text);
        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            Assert.Equal((595, 842), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));      // A4 portrait
            var outside = page.Letters.Where(l => l.Value != " " && (l.BoundingBox.Left < 56 || l.BoundingBox.Right > page.Width - 39.5)).ToList();
            Assert.True(outside.Count == 0, $"page {page.Number}: «{string.Concat(outside.Take(20).Select(l => l.Value))}» past the margins");
        }
    }

    [Fact]
    public void TheSignatures_NeverStandAloneOnTheLastPage_TheLastRowGoesOverWithThem()
    {
        // Lists of every length from none to 40 rows: somewhere among them the last row ends near the foot of a page.
        for (var late = 0; late <= 40; late++)
        {
            var pages = PdfText.Pages(DisciplinePdf.Write(Report(overdue: 3, late)));
            var last = pages[^1];
            Assert.Contains(last, l => l.StartsWith(DisciplineReport.ControlHead, StringComparison.Ordinal));
            Assert.True(last.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ \| П-2026/") || l.Contains(DisciplineReport.NoneListed)),
                $"{late} late: the signatures' page holds no row of the list:\n{string.Join("\n", last)}");
        }
    }

    [Fact]
    public void ALongDepartmentName_BreaksBetweenWordsAndAfterItsHyphen_NeverInsideAWord()
    {
        string[] names = ["Управление жилищно-коммунального хозяйства", "Предпринимательство", "Архитектура и градостроительство", Unbroken];
        var figures = names.Select((n, i) => new DepartmentFigures(i + 1, n, 10, 5, 4, 1, null, null, null, null, 0, 0, 0, 0, null)).ToList();
        var orders = names.Select((n, i) => new LateOrder(i, $"П-2026/{10000 + i}", "Отремонтировать ливнёвку", n,
            new DateTime(2026, 3, 1, 10, 0, 0), TimeSpan.FromHours(30), "Нет техники")).ToList();
        var totals = new DisciplineTotals(40, 20, 16, 4);
        var report = new DisciplineReport(new DisciplineHeader(null, "за март 2026 г.", DisciplineReports.AllDepartments, new DateTime(2026, 4, 1, 9, 0, 0)),
            figures, totals, DisciplineText.Summary(totals), orders, orders);

        var words = PdfText.Lines(DisciplinePdf.Write(report))
            .SelectMany(l => l.Split([" | ", " "], StringSplitOptions.RemoveEmptyEntries)).ToList();

        // Each name is in the figures and in both lists: every word of it three times, whole (a compound may part after its hyphen).
        foreach (var word in new[] { "Предпринимательство", "градостроительство", "Архитектура", "Управление", "хозяйства" })
            Assert.Equal(3, words.Count(w => w == word));
        Assert.Equal(3, words.Count(w => w is "жилищно-коммунального" or "жилищно-"));
        Assert.Equal(words.Count(w => w == "жилищно-"), words.Count(w => w == "коммунального"));
        // The number column holds a five-digit number whole.
        Assert.Equal(2, words.Count(w => w == "П-2026/10001"));
        // Only a single word wider than its column is cut: each piece ends in a hyphen, but the word's end (or «…» past the
        // cell's lines).
        var pieces = words.Where(w => w.Length > 3 && Unbroken.Contains(w.TrimEnd('-', '…'), StringComparison.Ordinal)).ToList();
        Assert.True(pieces.Count > 6, string.Join(" ", pieces));
        Assert.All(pieces.Where(p => !Unbroken.EndsWith(p, StringComparison.Ordinal)), p => Assert.True(p.EndsWith('-') || p.EndsWith('…'), p));
    }
}
