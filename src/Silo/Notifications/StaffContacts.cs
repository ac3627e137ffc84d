using HotlineDispatch.Notifications;

namespace HotlineDispatch.Silo.Notifications;

/// <summary>
/// Who is told what concerns a department or a grid cell: <c>Hotline:Departments:{code}:Notify:{i}</c> and
/// <c>Hotline:Grid:{cell}:Notify:{i}</c>, each <c>sms:&lt;mobile&gt;</c> or <c>wecom:&lt;robot webhook URL&gt;</c>.
/// </summary>
public sealed class StaffContacts
{
    public const string SmsScheme = "sms";
    public const string RobotScheme = "wecom";

    private readonly Dictionary<StaffAudience, IReadOnlyList<string>> _contacts;

    private StaffContacts(Dictionary<StaffAudience, IReadOnlyList<string>> contacts) => _contacts = contacts;

    /// <summary>The cells that have contacts: the only ones whose waiting requests anyone must be told of.</summary>
    public IEnumerable<string> GridCells => _contacts.Keys.Where(a => a.IsGridCell).Select(a => a.Code);

    /// <summary>No contact configured at all: the projection then skips composing notices nobody would get.</summary>
    public bool IsEmpty => _contacts.Count == 0;

    public bool HasRobots => _contacts.Values.Any(list => list.Any(a => a.StartsWith($"{RobotScheme}:", StringComparison.Ordinal)));

    public IReadOnlyList<string> Of(StaffAudience audience) => _contacts.GetValueOrDefault(audience) ?? [];

    public static StaffContacts From(IConfiguration configuration)
    {
        var contacts = new Dictionary<StaffAudience, IReadOnlyList<string>>();
        foreach (var (section, isCell) in new[] { ("Hotline:Departments", false), ("Hotline:Grid", true) })
        {
            foreach (var owner in configuration.GetSection(section).GetChildren())
            {
                var addresses = owner.GetSection("Notify").GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToList();
                foreach (var address in addresses)
                {
                    if (!IsValid(address))
                    {
                        throw new InvalidOperationException(
                            $"{owner.Path}:Notify holds '{address}': a contact is sms:<mobile> or wecom:<https robot webhook URL>.");
                    }
                }

                if (addresses.Count > 0)
                {
                    contacts[new StaffAudience(isCell, owner.Key)] = addresses;
                }
            }
        }

        return new StaffContacts(contacts);
    }

    private static bool IsValid(string address) =>
        address.StartsWith($"{SmsScheme}:", StringComparison.Ordinal) && address.Length > SmsScheme.Length + 1
        || address.StartsWith($"{RobotScheme}:", StringComparison.Ordinal)
           && Uri.TryCreate(address[(RobotScheme.Length + 1)..], UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
