using LiveOrders.Core;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace LiveOrders.Web.Components.Admin;

/// <summary>The administrator's list of delay reasons: add, rename, stop offering, bring back (each in the audit log).</summary>
public sealed partial class DelayReasonsPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private DelayReasons Reasons { get; set; } = default!;

    private Actor? _actor;
    private IReadOnlyList<DelayReasonRow> _reasons = [];
    private string? _newName;
    private int? _editing;
    private string? _editName;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is not null && AccessPolicy.CanManageOrganization(_actor)) await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var result = await Reasons.AllAsync(_actor!);
        if (result.Ok) _reasons = result.Value!;
        else _error = result.Message;
    }

    private static string Times(int uses) => uses switch
    {
        0 => "ни разу",
        _ => LiveOrders.Core.Language.RussianPlural.Of(uses, "раз", "раза", "раз"),
    };

    private void StartEdit(DelayReasonRow reason) => (_editing, _editName, _error) = (reason.Id, reason.Name, null);

    private async Task OnNewKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await AddAsync();
    }

    private async Task AddAsync()
    {
        var result = await Reasons.AddAsync(_actor!, _newName);
        await AfterAsync(result);
        if (result.Ok) _newName = null;
    }

    private async Task RenameAsync(int id)
    {
        var result = await Reasons.RenameAsync(_actor!, id, _editName);
        await AfterAsync(result);
        if (result.Ok) _editing = null;
    }

    private async Task SetActiveAsync(int id, bool active) => await AfterAsync(await Reasons.SetActiveAsync(_actor!, id, active));

    private async Task AfterAsync(Result result)
    {
        _error = result.Ok ? null : result.Message;
        await ReloadAsync();
    }
}
