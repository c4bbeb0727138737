using LiveOrders.Core.Organization;
using LiveOrders.Core.Organization.Import;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Logging;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// The administrator picks a file, sees what each row would do, skips the rows they will not fix, and confirms.
/// The file stays in this circuit's memory between the preview and the confirmation (it is at most 2 MB); on
/// confirmation the core reads and checks it again against the database as it is then.
/// </summary>
public sealed partial class ImportPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private StructureImport Import { get; set; } = default!;
    [Inject] private ILogger<ImportPage> Log { get; set; } = default!;

    private Actor? _actor;
    private string _fileName = "";
    private byte[]? _content;
    private ImportPlan? _plan;
    /// <summary>The errors of each row before anything was skipped: a skipped row still shows why it was skipped.</summary>
    private IReadOnlyDictionary<RowRef, IReadOnlyList<string>> _baseErrors = new Dictionary<RowRef, IReadOnlyList<string>>();
    private readonly HashSet<RowRef> _skipped = [];
    private ImportOutcome? _outcome;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync() => _actor = await CurrentActor.GetAsync();

    private string Hint => _plan switch
    {
        { Errors: > 0 } p => $"Сначала исправьте файл или отметьте «пропустить» у строк с ошибками (осталось {p.Errors}).",
        { CanApply: false } => "Файл ничего не меняет: всё уже так.",
        { } p => $"Будет создано {p.ToCreate}, изменено {p.ToChange}.",
        null => "",
    };

    private async Task OnFileAsync(IBrowserFile? file)
    {
        (_plan, _outcome, _error, _content) = (null, null, null, null);
        _skipped.Clear();
        if (file is null) return;
        if (file.Size > StructureFileReader.MaxBytes)
        {
            _error = $"Файл больше {StructureFileReader.MaxBytes / 1024 / 1024} МБ. Разделите его на несколько файлов.";
            return;
        }
        _busy = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(StructureFileReader.MaxBytes))
                await stream.CopyToAsync(buffer);
            (_fileName, _content) = (file.Name, buffer.ToArray());
            await PreviewAsync();
            _baseErrors = _plan?.Rows.Where(r => r.Errors.Count > 0).ToDictionary(r => r.Ref, r => r.Errors) ?? [];
        }
        catch (IOException e)
        {
            Log.LogInformation(e, "Import file {File} could not be uploaded", file.Name);
            _error = "Файл не удалось загрузить. Попробуйте ещё раз.";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PreviewAsync()
    {
        var result = await Import.PreviewAsync(_actor!, _fileName, _content!, _skipped);
        _plan = result.Ok ? result.Value : null;
        _error = result.Ok ? null : result.Message;
    }

    private async Task OnSkipAsync((RowRef Row, bool Skip) change)
    {
        if (change.Skip) _skipped.Add(change.Row);
        else _skipped.Remove(change.Row);
        await PreviewAsync();
    }

    private async Task ApplyAsync()
    {
        if (_plan is not { CanApply: true } || _content is null) return;
        _busy = true;
        try
        {
            var result = await Import.ApplyAsync(_actor!, _fileName, _content, _skipped);
            if (result.Ok) (_outcome, _content, _plan) = (result.Value, null, null);
            else
            {
                _error = result.Message;
                await PreviewAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong, the transaction was rolled back: say so rather than break the circuit.
            Log.LogError(e, "Structure import of {File} failed", _fileName);
            _error = "Импорт не выполнен из-за ошибки на сервере; ничего не изменено. Попробуйте ещё раз.";
        }
        finally
        {
            _busy = false;
        }
    }
}
