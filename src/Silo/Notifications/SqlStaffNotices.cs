using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Notifications;
using HotlineDispatch.Silo.Outbox;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Notifications;

/// <summary>
/// Puts staff notices into the outbox (docs/domain.md §11). An urgent notice is a row of its own, due at once. The
/// others are gathered into one digest row per contact and batch window, due at the window's end or, outside working
/// hours, at the start of the next working period; a notice that finds its digest already on its way gets a row of
/// its own with the same due time. Every row id is made from the notice or the window, so nothing is written twice.
/// </summary>
public sealed class SqlStaffNotices(StaffContacts contacts, WorkingCalendar calendar, NotificationOptions options)
{
    public const string Kind = "staff";

    /// <summary>
    /// Writes each notice for each contact of its audience. <paramref name="batch"/> is for notices written exactly once
    /// (the projection's); a caller that may write the same notice again passes false, and every notice keeps its own row.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<StaffNotice> notices, DateTimeOffset now, bool batch)
    {
        foreach (var notice in notices)
        {
            var addresses = contacts.Of(notice.Audience);
            for (var i = 0; i < addresses.Count; i++)
            {
                var address = addresses[i];
                var scheme = address[..address.IndexOf(':')];
                var single = $"s-{notice.Key}-{i}";
                if (notice.Urgent)
                {
                    await SqlOutbox.InsertAsync(connection, transaction, single, address, scheme, $"{Kind}-{notice.Kind}", notice.Text, notice.TicketId,
                        OutboxStates.Pending, now);
                    continue;
                }

                var windowEnd = batch ? WindowEnd(now) : now;
                var due = calendar.NextWorkingInstant(windowEnd);
                var digest = $"d-{Hash(address)}-{windowEnd.ToUnixTimeSeconds()}";
                if (!batch || await AppendAsync(connection, transaction, digest, address, scheme, notice.Text, now, due) == 0)
                {
                    await SqlOutbox.InsertAsync(connection, transaction, single, address, scheme, $"{Kind}-{notice.Kind}", notice.Text, notice.TicketId,
                        OutboxStates.Pending, now, due);
                }
            }
        }
    }

    private DateTimeOffset WindowEnd(DateTimeOffset now)
    {
        var ticks = options.BatchWindow.Ticks;
        return new DateTimeOffset((now.UtcTicks / ticks + 1) * ticks, TimeSpan.Zero);
    }

    private static string Hash(string address) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..16];

    /// <summary>Adds the text to the window's digest, creating it; 0 when the digest is already being sent or was sent.</summary>
    private static Task<int> AppendAsync(DbConnection connection, DbTransaction? transaction, string id, string address, string scheme, string text,
        DateTimeOffset now, DateTimeOffset due) =>
        connection.Command("""
            INSERT INTO hotline_outbox (id, reply_to, scheme, kind, text, ticket_id, state, attempts, created_at, updated_at, next_attempt_at)
            VALUES (@id, @reply_to, @scheme, @kind, @text, NULL, @pending, 0, @now, @now, @due)
            ON CONFLICT (id) DO UPDATE SET text = hotline_outbox.text || @separator || excluded.text, updated_at = excluded.updated_at
            WHERE hotline_outbox.state = @pending
            """, transaction)
            .With("id", id).With("reply_to", address).With("scheme", scheme).With("kind", $"{Kind}-digest").With("text", text)
            .With("pending", OutboxStates.Pending).With("now", now.ToUnixTimeMilliseconds()).With("due", due.ToUnixTimeMilliseconds())
            .With("separator", "\n")
            .RunAsync();
}
