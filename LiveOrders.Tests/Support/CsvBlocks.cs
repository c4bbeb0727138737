using System.Text;
using CsvHelper;

namespace LiveOrders.Tests.Support;

/// <summary>A CSV of several tables read back: UTF-8 with a BOM, «;» between fields, each table under a line with its name alone.</summary>
public static class CsvBlocks
{
    /// <summary>The tables by name, in the file's order; the rows under a name up to the next one.</summary>
    public static Dictionary<string, List<string[]>> Read(byte[] bytes, IReadOnlyCollection<string> names)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var blocks = new Dictionary<string, List<string[]>>();
        List<string[]>? current = null;
        using var reader = CsvReader.FromText(text, new CsvReaderOptions
        {
            Separator = ';', HasHeader = false, FieldCountMismatch = CsvFieldCountHandling.Allow, SkipEmptyLines = true,
        });
        while (reader.Read())
        {
            var row = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "").ToArray();
            if (row.Length == 1 && names.Contains(row[0])) blocks[row[0]] = current = [];
            else current!.Add(row);
        }
        return blocks;
    }
}
