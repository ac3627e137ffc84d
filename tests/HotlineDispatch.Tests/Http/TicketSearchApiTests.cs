using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Http;

/// <summary>
/// The ticket list's searches that must not read every ticket: keywords of two and more characters by their
/// character pairs, the department filter by its rows per department, pages by cursor, and the backfill of an
/// upgraded database; once per storage back end, each on a database of its own.
/// </summary>
public abstract class TicketSearchApiTests(HotlineApiFactory api)
{
    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Create(string content, string address, string gridCell, object? dispatch = null) =>
        (await Ok(await api.ClientFor(TestUsers.Operator).PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call", caller = new { name = "张三", phone = "13812345678" }, address, gridCell, content, type = "complaint", dispatch,
        }))).GetProperty("id").GetString()!;

    private async Task<string[]> Listed(string query) =>
        (await Ok(await api.ClientFor(TestUsers.Supervisor).GetAsync($"/api/v1/tickets?{query}&pageSize=100"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()!).Order().ToArray();

    /// <summary>The keyword searches are all limited to the cell each test writes, so the tests of a class stay apart.</summary>
    private async Task<(string Lamp, string Leak, string Pole)> ThreeTickets(string cell) => (
        await Create("小区门口的路灯坏了一个多星期", "春晖路3号", cell),
        await Create("楼道水管漏水严重", "建设路12号B栋", cell),
        await Create("路灯旁边的灯杆歪了", "解放路8号", cell));

    [Fact]
    public async Task Keywords_of_two_and_more_characters_find_the_tickets_holding_them_in_content_or_address()
    {
        var cell = "G-search";
        var (lamp, leak, pole) = await ThreeTickets(cell);

        Assert.Equal(new[] { lamp, pole }.Order(), await Listed($"gridCell={cell}&q=路灯"));
        Assert.Equal([leak], await Listed($"gridCell={cell}&q=漏水"));
        Assert.Equal([lamp], await Listed($"gridCell={cell}&q=春晖"));
        Assert.Equal([lamp], await Listed($"gridCell={cell}&q=路灯坏了"));
        Assert.Equal([leak], await Listed($"gridCell={cell}&q=建设路12"));
        Assert.Equal([leak], await Listed($"gridCell={cell}&q=12号b栋"));
        Assert.Equal([pole], await Listed($"gridCell={cell}&q=灯杆"));
        // Every pair of 路灯杆 is in the pole's words, but not the three characters together.
        Assert.Empty(await Listed($"gridCell={cell}&q=路灯杆"));
        Assert.Empty(await Listed($"gridCell={cell}&q=路口"));
        Assert.Equal([lamp], await Listed($"gridCell={cell}&q=小区门口"));

        var single = await api.ClientFor(TestUsers.Supervisor).GetAsync("/api/v1/tickets?q=灯");
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Contains("at least 2 characters", await single.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cursor_walk_returns_every_ticket_of_the_list_once_in_its_order_for_each_sort()
    {
        var cell = "G-cursor";
        for (var i = 0; i < 7; i++)
        {
            await Create($"游标翻页 {i}", "人民路1号", cell, i % 2 == 0 ? new { lead = "CGJ" } : null);
        }

        var client = api.ClientFor(TestUsers.Supervisor);
        foreach (var sort in new[] { "-acceptedAt", "acceptedAt", "replyBy", "surveyCallsFirst" })
        {
            var all = (await Ok(await client.GetAsync($"/api/v1/tickets?gridCell={cell}&sort={sort}&pageSize=100"))).GetProperty("items")
                .EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.Equal(7, all.Count);

            var walked = new List<string>();
            string? cursor = null;
            do
            {
                var page = await Ok(await client.GetAsync(
                    $"/api/v1/tickets?gridCell={cell}&sort={sort}&pageSize=3{(cursor is null ? "" : $"&cursor={cursor}")}"));
                Assert.Equal(7, page.GetProperty("total").GetInt32());
                walked.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
                cursor = page.TryGetProperty("next", out var next) ? next.GetString() : null;
            }
            while (cursor is not null);

            Assert.Equal(all, walked);
        }

        var first = await Ok(await client.GetAsync($"/api/v1/tickets?gridCell={cell}&pageSize=3"));
        var given = first.GetProperty("next").GetString();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/tickets?gridCell={cell}&cursor={given}&page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/tickets?gridCell={cell}&cursor={given}&sort=acceptedAt")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/tickets?gridCell={cell}&cursor=not-a-cursor")).StatusCode);
    }

    [Fact]
    public async Task A_house_number_inside_a_keyword_is_found_whole_and_one_at_its_edge_also_as_the_start_of_a_longer_one()
    {
        var cell = "G-numbers";
        var twelve = await Create("门口垃圾没人清理", "人民路12号", cell);
        var hundredTwelve = await Create("门口垃圾没人清理", "人民路112号", cell);
        var hundredTwentyThree = await Create("门口垃圾没人清理", "人民路123号", cell);

        Assert.Equal([twelve], await Listed($"gridCell={cell}&q=人民路12号"));
        Assert.Equal(new[] { twelve, hundredTwentyThree }.Order(), await Listed($"gridCell={cell}&q=路12"));
        Assert.Equal(new[] { twelve, hundredTwelve }.Order(), await Listed($"gridCell={cell}&q=12号"));
        Assert.Equal([hundredTwelve], await Listed($"gridCell={cell}&q=路112号"));
    }

    [Fact]
    public async Task The_department_filter_finds_the_tickets_it_leads_and_those_it_co_handles_and_follows_their_state()
    {
        var cell = "G-department";
        var led = await Create("部门筛选 牵头", "人民路2号", cell, new { lead = "GDGS" });
        var coHandled = await Create("部门筛选 协办", "人民路3号", cell, new { lead = "CGJ", co = new[] { "GDGS", "JTJ" } });
        await Create("部门筛选 无关", "人民路4号", cell, new { lead = "ZJJ" });

        Assert.Equal(new[] { led, coHandled }.Order(), await Listed($"gridCell={cell}&department=GDGS"));
        Assert.Equal([coHandled], await Listed($"gridCell={cell}&department=JTJ"));
        Assert.Equal(new[] { led, coHandled }.Order(), await Listed("department=GDGS&state=dispatched"));
        Assert.Equal([coHandled], (await Ok(await api.ClientFor(TestUsers.Jtj).GetAsync("/api/v1/tickets?state=dispatched"))).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray());

        await Ok(await api.ClientWithToken(TestUsers.AdminToken).PostAsJsonAsync($"/api/v1/tickets/{led}/sign", new { department = "GDGS" }));
        Assert.Equal([coHandled], await Listed("department=GDGS&state=dispatched"));
        Assert.Equal([led], await Listed("department=GDGS&state=inProgress"));
    }

    [Fact]
    public async Task An_upgraded_database_gets_its_department_rows_and_keyword_pairs_at_start_up()
    {
        var cell = "G-upgrade";
        var (lamp, leak, _) = await ThreeTickets(cell);
        var coHandled = await Create("升级前的协办工单", "人民路5号", cell, new { lead = "CGJ", co = new[] { "SWJ" } });
        var postgres = api.Service<ReadModelDatabase>().IsPostgres;
        await Execute(postgres
            ? "DELETE FROM hotline_ticket_grams; DELETE FROM hotline_ticket_grams_filled; DELETE FROM hotline_ticket_department; DELETE FROM hotline_ticket_department_filled"
            : "DELETE FROM hotline_ticket_grams; DELETE FROM hotline_ticket_text; DELETE FROM hotline_ticket_grams_filled; DELETE FROM hotline_ticket_department; DELETE FROM hotline_ticket_department_filled");
        Assert.Empty(await Listed($"gridCell={cell}&department=SWJ"));

        await api.Service<HotlineStorage>().EnsureSchemaAsync(CancellationToken.None);
        var backfill = api.Service<TicketSearchBackfill>();
        Assert.True(await backfill.FillAsync(CancellationToken.None) >= 4);
        Assert.Equal(0, await backfill.FillAsync(CancellationToken.None));

        Assert.Equal([coHandled], await Listed($"gridCell={cell}&department=SWJ"));
        Assert.Equal([coHandled], await Listed($"gridCell={cell}&department=CGJ&q=协办"));
        Assert.Equal([lamp], await Listed($"gridCell={cell}&q=路灯坏"));
        Assert.Equal([leak], await Listed($"gridCell={cell}&q=漏水"));
    }

    [Fact]
    public async Task Keyword_entries_written_before_the_month_and_year_words_are_written_again_at_start_up()
    {
        var cell = "G-layout";
        var (lamp, leak, _) = await ThreeTickets(cell);
        var postgres = api.Service<ReadModelDatabase>().IsPostgres;
        foreach (var (id, words) in new[] { (lamp, "路灯坏了不亮"), (leak, "楼上漏水") })
        {
            // The pairs alone, as the first layout wrote them, under the marker that every ticket has its entry.
            await Execute(postgres
                ? "UPDATE hotline_ticket_grams SET grams = @grams WHERE id = @id"
                : """
                  DELETE FROM hotline_ticket_grams WHERE rowid = (SELECT n FROM hotline_ticket_text WHERE id = @id);
                  INSERT INTO hotline_ticket_grams (rowid, grams) SELECT n, @grams FROM hotline_ticket_text WHERE id = @id;
                  """, ("id", id), ("grams", TicketSearch.GramsParameter(postgres, TicketSearch.Grams(words))));
        }

        await Execute("DELETE FROM hotline_ticket_grams_layout");
        Assert.Empty(await Listed($"gridCell={cell}&q=漏水"));

        await api.Service<HotlineStorage>().EnsureSchemaAsync(CancellationToken.None);
        Assert.True(await api.Service<TicketSearchBackfill>().FillAsync(CancellationToken.None) >= 3);

        Assert.Equal([lamp], await Listed($"gridCell={cell}&q=路灯坏"));
        Assert.Equal([leak], await Listed($"gridCell={cell}&q=漏水"));
    }

    [Fact]
    public async Task A_keyword_with_more_matches_than_the_cap_answers_at_least_the_cap_and_its_pages_in_the_lists_order()
    {
        var original = await Create("封顶计数的井盖松动", "人民路6号", "G-cap-1");
        var copies = 2 * SqlTicketIndex.KeywordCountCap + 8;
        var postgres = api.Service<ReadModelDatabase>().IsPostgres;
        // Copies of the ticket, each a second older than the one before, every other one without the keyword: more
        // matches than the count goes to, among tickets the list's order must pass over.
        var numbers = postgres ? $"generate_series(1, {copies}) AS s(i)" : $"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {copies}) SELECT i FROM s) s";
        var copy = postgres ? "'cap-' || lpad(i::text, 5, '0')" : "'cap-' || printf('%05d', i)";
        await Execute($"""
            INSERT INTO hotline_ticket (id, seq, state, lead, co, grid_cell, accepted_at, reply_by, next_card_at, with_department, summary)
            SELECT {copy}, seq, state, lead, co, 'G-cap-2', accepted_at - i * 1000, reply_by, NULL, with_department, replace(summary, @id, {copy})
            FROM hotline_ticket, {numbers} WHERE id = @id;
            INSERT INTO hotline_ticket_find (id, phone, anonymous, known_to, channel, type, urgent, supervised, pending_extension, awaiting_survey, returned, reply_path, words)
            SELECT {copy}, phone, anonymous, known_to, channel, type, urgent, supervised, pending_extension, awaiting_survey, returned, reply_path,
                CASE WHEN i % 2 = 0 THEN words ELSE '无关的内容' END
            FROM hotline_ticket_find, {numbers} WHERE id = @id;
            """ + (postgres
            ? """
              INSERT INTO hotline_ticket_grams (id, grams)
              SELECT id, @grams || ARRAY['m' || to_char(acceptance, 'YYYYMM'), 'y' || to_char(acceptance, 'YYYY')]
              FROM (SELECT id, to_timestamp(accepted_at / 1000) AT TIME ZONE 'UTC' AS acceptance FROM hotline_ticket
                    WHERE id LIKE 'cap-%' AND substr(id, 5)::int % 2 = 0) copies;
              """
            : """
              INSERT INTO hotline_ticket_text (id) SELECT id FROM hotline_ticket WHERE id LIKE 'cap-%' AND CAST(substr(id, 5) AS INTEGER) % 2 = 0;
              INSERT INTO hotline_ticket_grams (rowid, grams)
              SELECT x.n, @grams || strftime(' m%Y%m y%Y', t.accepted_at / 1000, 'unixepoch')
              FROM hotline_ticket_text x JOIN hotline_ticket t ON t.id = x.id WHERE x.id LIKE 'cap-%';
              """), ("id", original), ("grams", TicketSearch.GramsParameter(postgres, TicketSearch.TextWords("封顶计数的井盖松动\n人民路6号"))));
        var newest = Enumerable.Range(1, copies).Where(i => i % 2 == 0).Select(i => $"cap-{i:D5}").Prepend(original).ToList();

        var client = api.ClientFor(TestUsers.Supervisor);
        foreach (var (q, sort, expected) in new[] { ("封顶", "-acceptedAt", newest), ("封顶计数", "-acceptedAt", newest), ("封顶", "acceptedAt", newest.AsEnumerable().Reverse().ToList()) })
        {
            var first = await Ok(await client.GetAsync($"/api/v1/tickets?q={q}&sort={sort}&pageSize=20"));
            Assert.Equal(SqlTicketIndex.KeywordCountCap, first.GetProperty("total").GetInt32());
            Assert.True(first.GetProperty("totalIsLowerBound").GetBoolean());
            Assert.Equal(expected.Take(20), Ids(first));
            var second = await Ok(await client.GetAsync($"/api/v1/tickets?q={q}&sort={sort}&pageSize=20&cursor={first.GetProperty("next").GetString()}"));
            Assert.Equal(expected.Skip(20).Take(20), Ids(second));
            Assert.Equal(expected.Skip(40).Take(20), Ids(await Ok(await client.GetAsync($"/api/v1/tickets?q={q}&sort={sort}&pageSize=20&page=3"))));
            // Deeper than the first rows of the list hold matches for: read through the pairs, in the same order.
            Assert.Equal(expected.Skip(1180).Take(20), Ids(await Ok(await client.GetAsync($"/api/v1/tickets?q={q}&sort={sort}&pageSize=20&page=60"))));
        }

        var few = await Ok(await client.GetAsync("/api/v1/tickets?q=封顶&gridCell=G-cap-1"));
        Assert.Equal((1, false), (few.GetProperty("total").GetInt32(), few.TryGetProperty("totalIsLowerBound", out _)));

        // Only a keyword's count stops at the cap: a list by other filters counts every ticket.
        var cell = await Ok(await client.GetAsync("/api/v1/tickets?gridCell=G-cap-2&pageSize=20"));
        Assert.Equal((copies, false), (cell.GetProperty("total").GetInt32(), cell.TryGetProperty("totalIsLowerBound", out _)));
    }

    private static IEnumerable<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!);

    private async Task Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await api.Service<ReadModelDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteTicketSearchApiTests(SqliteApiFactory api) : TicketSearchApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class PostgresTicketSearchApiTests(PostgresApiFactory api) : TicketSearchApiTests(api), IClassFixture<PostgresApiFactory>;
