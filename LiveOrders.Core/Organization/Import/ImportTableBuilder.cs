namespace LiveOrders.Core.Organization.Import;

/// <summary>Turns raw rows (a sheet's or a CSV's) into a table: the first non-empty row is the header.</summary>
internal static class ImportTableBuilder
{
    public static ImportTable Build(ImportSheet sheet, IEnumerable<(int Row, IReadOnlyList<string> Cells)> rows, ref int budget)
    {
        string?[]? columns = null;
        var result = new List<ImportTableRow>();
        foreach (var (number, cells) in rows)
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (columns is null)
            {
                columns = cells.Select(c => StructureColumns.Match(sheet, c ?? "")).ToArray();
                var missing = StructureColumns.RequiredOf(sheet).Where(r => !columns.Contains(r)).ToList();
                if (missing.Count > 0)
                    throw new ImportFileException(
                        $"В таблице «{sheet.Russian()}» нет столбц{(missing.Count == 1 ? "а" : "ов")} {string.Join(", ", missing.Select(m => $"«{m}»"))}. " +
                        "Первая строка должна содержать заголовки, как в шаблоне.");
                continue;
            }
            if (--budget < 0)
                throw new ImportFileException($"В файле больше {StructureFileReader.MaxRows} строк. Разделите его на несколько файлов.");
            var values = new Dictionary<string, string>();
            for (var i = 0; i < columns.Length && i < cells.Count; i++)
                if (columns[i] is { } column && !values.ContainsKey(column))
                    values[column] = (cells[i] ?? "").Trim();
            result.Add(new ImportTableRow(number, values));
        }
        return new ImportTable(sheet, result);
    }
}
