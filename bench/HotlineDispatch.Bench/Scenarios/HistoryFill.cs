using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text.Json;
using HotlineDispatch.Assessment;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// Three years of a district's tickets, written straight into the read model in the projection's own
/// row shapes: the ticket index and its summary, its department's row, the finder row and its keyword pairs, the daily counters, the assessment
/// cases, urgent alerts, and the incidents of storm days. Deterministic for a seed. The monthly and
/// yearly roll-ups are left to the silo's start-up, as in a database written before they existed.
/// </summary>
public sealed class HistoryFill(int tickets, int seed)
{
    public const int Days = 3 * 365;
    public const int Cells = 805;
    public const int Communities = 60;
    public const int Streets = 8;

    private static readonly string[] TicketColumns =
        ["id", "seq", "state", "lead", "co", "grid_cell", "accepted_at", "reply_by", "next_card_at", "with_department", "summary"];

    private static readonly string[] FindColumns =
        ["id", "phone", "anonymous", "known_to", "channel", "type", "urgent", "supervised", "pending_extension", "awaiting_survey", "returned", "reply_path", "words"];

    private static readonly string[] DepartmentColumns = ["department", "state", "accepted_at", "id"];
    private static readonly string[] SqliteTextColumns = ["n", "id"];
    private static readonly string[] SqliteGramColumns = ["rowid", "grams"];
    private static readonly string[] PostgresGramColumns = ["id", "grams"];
    private static readonly string[] CaseColumns = ["ticket_id", "seq", "department", "urgent", "due_at", "paused_at", "ended_at", "outcome"];
    private static readonly string[] MeasureColumns = ["dimension", "day", "value", "measure", "n"];
    private static readonly string[] AlertColumns = ["id", "kind", "message", "at", "ticket_id", "incident_id", "grid_cell", "acknowledged_by", "acknowledged_at"];
    private static readonly string[] IncidentColumns = ["id", "cell", "summary", "first_at", "last_at"];
    private static readonly string[] IncidentTicketColumns = ["incident_id", "ticket_id"];

    private static readonly (TicketType Type, int Weight)[] Types =
        [(TicketType.Consultation, 30), (TicketType.Help, 20), (TicketType.Complaint, 25), (TicketType.Report, 12), (TicketType.Suggestion, 10), (TicketType.Praise, 3)];

    private static readonly (TicketChannel Channel, int Weight)[] Channels =
        [(TicketChannel.Call, 60), (TicketChannel.Wechat, 20), (TicketChannel.Sms, 8), (TicketChannel.Web, 8), (TicketChannel.Platform, 4)];

    /// <summary>What residents say, by department; a department without its own words gets a question about its services.</summary>
    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["CGJ"] = ["小区门口的路灯坏了一个多星期，晚上出入很不方便", "人行道上的井盖松动了，踩上去咣当响", "楼下烧烤摊占道经营到半夜"],
        ["ZJJ"] = ["隔壁工地每天晚上十一点以后还在打桩，声音特别大", "老旧小区改造的脚手架拆了一半就停工了"],
        ["JTJ"] = ["人民路公交站的候车亭顶棚破了个大洞", "早高峰公交车太挤，希望加开班次"],
        ["JJ"] = ["中山路和解放路路口的红绿灯一直闪黄灯", "小区门口长期有车辆违停堵住出口"],
        ["STHJJ"] = ["楼下烧烤店的油烟直接往居民楼里排", "河道里有死鱼，水面发臭"],
        ["SCJGJ"] = ["在超市买的牛奶还没过保质期就已经变质了", "健身房突然关门，预付的会员费退不回来"],
        ["RSJ"] = ["想咨询一下养老金的领取资格认证要去哪里办理", "公司拖欠三个月工资不发"],
        ["SWJ"] = ["小区里的雨水井堵住了，一下雨就冒水", "家里自来水发黄，有铁锈味"],
        ["GDGS"] = ["我们这栋楼从昨天下午开始停电，到现在还没有来电"],
        ["RQGS"] = ["楼道里闻到很明显的煤气味，不知道是哪一家漏气"],
        ["YLJ"] = ["公园里的几棵大树被台风刮歪了，树枝压在人行道上"],
        ["XFJY"] = ["小区消防通道长期被私家车占用，物业也不管"],
    };

    private static readonly string[] StreetNames = ["春晖路", "江滨路", "人民路", "解放路", "中山路", "新华街", "建设路", "文化路", "胜利街", "和平路"];

    private readonly Random _random = new(seed);
    private long _written;
    private readonly IReadOnlyList<Department> _departments = DepartmentCatalog.LoadEmbedded().All;
    private readonly Dictionary<string, Dictionary<(string Dimension, string Value, string Measure), long>> _counters = new(StringComparer.Ordinal);

    /// <summary>Names and days formatted once: the counters take a dozen facts a ticket, each in five slices.</summary>
    private readonly Dictionary<DateOnly, string> _days = [];

    private static readonly Dictionary<TicketType, string> TypeNames = Enum.GetValues<TicketType>().ToDictionary(t => t, t => HotlineJson.Name(t));
    private static readonly Dictionary<TicketChannel, string> ChannelNames = Enum.GetValues<TicketChannel>().ToDictionary(c => c, c => HotlineJson.Name(c));

    /// <summary>The first and last local day of the history: three years up to yesterday, so every month asked about has begun.</summary>
    public static (DateOnly First, DateOnly Last) Span(DateTimeOffset now)
    {
        var last = DateOnly.FromDateTime(now.ToOffset(China).DateTime).AddDays(-1);
        return (last.AddDays(1 - Days), last);
    }

    public static TimeSpan China { get; } = TimeSpan.FromHours(8);

    public static string Cell(int index) => $"G{index % Streets + 1:D2}{index % Communities + 1:D2}{index:D3}";

    /// <summary>The numbers callers call from: a tenth of them are the frequent callers of a third of the tickets.</summary>
    public static string Phone(int caller) => $"138{(long)caller * 7919 % 100_000_000:D8}";

    public int Callers => Math.Max(100, tickets / 3);

    public static bool IsStormDay(int dayIndex) => dayIndex % 53 == 17;

    public async Task FillAsync(DbConnection connection, bool postgres, DateTimeOffset now, IProgress<int> progress)
    {
        var (first, _) = Span(now);
        var perDay = TicketsPerDay();
        await using var rows = await HistoryRows.OpenAsync(connection, postgres);
        var written = 0;
        for (var d = 0; d < Days; d++)
        {
            var day = first.AddDays(d);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China);
            var stormCells = IsStormDay(d) ? Enumerable.Range(0, 3).Select(_ => _random.Next(Cells)).ToArray() : [];
            foreach (var (cell, i) in stormCells.Select((c, i) => (c, i)))
            {
                await rows.AddAsync("hotline_incident", IncidentColumns, $"inc-{day:yyyyMMdd}-{i}", Cell(cell), $"{StreetNames[cell % StreetNames.Length]}积水严重",
                    start.AddHours(14).ToUnixTimeMilliseconds(), start.AddHours(18).ToUnixTimeMilliseconds());
            }

            for (var k = 0; k < perDay[d]; k++)
            {
                await TicketAsync(rows, day, start, k, stormCells, now, postgres);
            }

            written += perDay[d];
            await FlushCountersBefore(rows, day.AddDays(-20));
            progress.Report(written);
        }

        await FlushCountersBefore(rows, DateOnly.MaxValue);
        await rows.CompleteAsync();
    }

    /// <summary>A seasonal curve (a summer peak a third above the winter) and a storm day about every 53 days with four times the calls.</summary>
    private int[] TicketsPerDay()
    {
        var weights = Enumerable.Range(0, Days)
            .Select(d => (1 + 0.33 * Math.Sin(2 * Math.PI * (d - 100) / 365.0)) * (IsStormDay(d) ? 4 : 1)).ToArray();
        var total = weights.Sum();
        var counts = new int[Days];
        double carried = 0;
        var given = 0;
        for (var d = 0; d < Days; d++)
        {
            carried += tickets * weights[d] / total;
            counts[d] = (int)Math.Round(carried) - given;
            given += counts[d];
        }

        return counts;
    }

    private async Task TicketAsync(HistoryRows rows, DateOnly day, DateTimeOffset dayStart, int k, int[] stormCells, DateTimeOffset now, bool postgres)
    {
        var id = $"{day:yyyyMMdd}-{k:D5}";
        var storm = stormCells.Length > 0 && _random.Next(3) == 0;
        var cellIndex = storm ? stormCells[_random.Next(stormCells.Length)] : _random.Next(Cells);
        var cell = Cell(cellIndex);
        var department = storm ? _departments.First(x => x.Code == "SWJ") : _departments[Skewed(_departments.Count)];
        var type = storm ? TicketType.Help : Pick(Types);
        var channel = Pick(Channels);
        var urgent = storm || _random.Next(100) == 0;
        var accepted = dayStart.AddSeconds(7 * 3600 + _random.Next(15 * 3600));
        var street = StreetNames[cellIndex % StreetNames.Length];
        var address = $"{street}{_random.Next(1, 400)}号{_random.Next(1, 30)}栋";
        var content = storm ? $"{street}路口积水已经没过膝盖，请赶紧派人排水" : Content(department);
        var caller = _random.Next(10) < 3 ? _random.Next(Callers / 10) : _random.Next(Callers);

        // A tenth of consultations are answered on the call; the rest go to a department, which signs and replies.
        var resolvedAtIntake = type == TicketType.Consultation && _random.Next(10) == 0;
        var dispatched = accepted.AddMinutes(10 + _random.Next(50));
        var signed = dispatched.AddMinutes(5 + _random.Next(90));
        var due = dispatched.AddDays(urgent ? 1 : 5);
        var overdue = _random.Next(100) < 3;
        var returned = _random.Next(100) < 2;
        var replied = overdue ? due.AddHours(1 + _random.Next(96)) : dispatched.AddMinutes(60 + _random.Next((int)(due - dispatched).TotalMinutes - 60));
        var surveyed = replied.AddDays(1);
        var finished = (resolvedAtIntake ? accepted : surveyed) < now;
        var state = resolvedAtIntake ? TicketState.Resolved
            : surveyed < now ? TicketState.Closed
            : replied < now ? TicketState.Replied
            : signed < now ? TicketState.InProgress
            : TicketState.Dispatched;
        var withDepartment = state is TicketState.Dispatched or TicketState.InProgress;
        var seq = resolvedAtIntake ? 2 : state switch { TicketState.Dispatched => 2, TicketState.InProgress => 3, TicketState.Replied => 4, _ => 5 } + (returned ? 2 : 0);

        var summary = new TicketSummary(id, state, channel, type, urgent, resolvedAtIntake ? null : department.Code, [], cell, address,
            content.Length > 60 ? content[..60] : content, accepted, withDepartment ? signed : null, withDepartment ? due : null,
            withDepartment ? (state == TicketState.Dispatched ? signed : due) : null,
            overdue && replied < now ? [department.Code] : [], [], false, seq);
        await rows.AddAsync("hotline_ticket", TicketColumns, id, seq, state.ToString(), summary.Lead, "", cell, accepted.ToUnixTimeMilliseconds(),
            summary.OverdueFrom?.ToUnixTimeMilliseconds(), summary.NextCardAt?.ToUnixTimeMilliseconds(), withDepartment ? 1 : 0,
            JsonSerializer.Serialize(summary, HotlineJson.Options));
        await rows.AddAsync("hotline_ticket_find", FindColumns, id, Phone(caller), 0, "", channel.ToString(), type.ToString(), urgent ? 1 : 0, 0, 0,
            state == TicketState.Replied ? 1 : 0, 0, null, $"{content}\n{address}");
        if (summary.Lead is not null)
        {
            await rows.AddAsync("hotline_ticket_department", DepartmentColumns, summary.Lead, state.ToString(), accepted.ToUnixTimeMilliseconds(), id);
        }

        var grams = TicketSearch.IndexWords($"{content}\n{address}", accepted);
        if (postgres)
        {
            await rows.AddAsync("hotline_ticket_grams", PostgresGramColumns, id, grams);
        }
        else
        {
            await rows.AddAsync("hotline_ticket_text", SqliteTextColumns, ++_written, id);
            await rows.AddAsync("hotline_ticket_grams", SqliteGramColumns, _written, TicketSearch.FtsText(grams));
        }

        Count(accepted, Measure.Accepted, null, 1, cell, type, channel);
        if (resolvedAtIntake)
        {
            Count(accepted, Measure.Resolved, null, 1, cell, type, channel);
        }
        else
        {
            await CasesAsync(rows, id, department.Code, urgent, dispatched, due, returned, replied, now, cell, type, channel);
        }

        if (!resolvedAtIntake && finished)
        {
            Count(surveyed, Measure.SurveyEligible, department.Code, 1, cell, type, channel);
            if (_random.Next(10) < 6)
            {
                Count(surveyed, Measure.Surveyed, department.Code, 1, cell, type, channel);
                Count(surveyed, Measure.Satisfied, department.Code, _random.Next(10) < 9 ? 1 : 0, cell, type, channel);
            }
        }

        if (urgent)
        {
            await rows.AddAsync("hotline_alert", AlertColumns, $"urgent-{id}", "urgent", $"紧急工单 {id}：{content}", accepted.ToUnixTimeMilliseconds(), id,
                storm ? $"inc-{day:yyyyMMdd}-{Array.IndexOf(stormCells, cellIndex)}" : null, cell, "bench", accepted.AddMinutes(3).ToUnixTimeMilliseconds());
        }

        if (storm)
        {
            await rows.AddAsync("hotline_incident_ticket", IncidentTicketColumns, $"inc-{day:yyyyMMdd}-{Array.IndexOf(stormCells, cellIndex)}", id);
        }
    }

    /// <summary>The department's case (and, when it returned the ticket, the second department's) and the counters of its steps.</summary>
    private async Task CasesAsync(HistoryRows rows, string id, string department, bool urgent, DateTimeOffset dispatched, DateTimeOffset due,
        bool returned, DateTimeOffset replied, DateTimeOffset now, string cell, TicketType type, TicketChannel channel)
    {
        Count(dispatched, Measure.Dispatched, department, 1, cell, type, channel);
        if (returned)
        {
            await rows.AddAsync("hotline_assessment_case", CaseColumns, id, 1, department, urgent ? 1 : 0, due.ToUnixTimeMilliseconds(), null,
                dispatched.AddHours(2).ToUnixTimeMilliseconds(), nameof(CaseOutcome.Returned));
            Count(dispatched.AddHours(2), Measure.Returned, department, 1, cell, type, channel);
            Count(dispatched.AddHours(2), Measure.Redispatched, department, 1, cell, type, channel);
        }

        var signedOnTime = _random.Next(100) < 97;
        Count(dispatched, Measure.Signed, department, 1, cell, type, channel);
        Count(dispatched, Measure.SignedOnTime, department, signedOnTime ? 1 : 0, cell, type, channel);
        var ended = replied < now;
        await rows.AddAsync("hotline_assessment_case", CaseColumns, id, returned ? 3 : 2, department, urgent ? 1 : 0, due.ToUnixTimeMilliseconds(), null,
            ended ? replied.ToUnixTimeMilliseconds() : null, ended ? nameof(CaseOutcome.Replied) : null);
        if (replied > due && due < now)
        {
            Count(due, Measure.Overdue, department, 1, cell, type, channel);
            Count(due, Measure.YellowCards, department, 1, cell, type, channel);
        }

        if (ended)
        {
            Count(replied, Measure.Replied, department, 1, cell, type, channel);
            Count(replied, Measure.RepliedOnTime, department, replied <= due ? 1 : 0, cell, type, channel);
            Count(replied, Measure.CommittedMinutes, department, (long)(due - dispatched).TotalMinutes, cell, type, channel);
            Count(replied, Measure.WorkedMinutes, department, (long)(replied - dispatched).TotalMinutes, cell, type, channel);
        }
    }

    /// <summary>One fact counted in every slice of the stats, as the projection counts it, on its own local day.</summary>
    private void Count(DateTimeOffset at, string measure, string? department, long amount, string cell, TicketType type, TicketChannel channel)
    {
        if (amount == 0)
        {
            return;
        }

        var date = DateOnly.FromDateTime(at.ToOffset(China).DateTime);
        if (!_days.TryGetValue(date, out var day))
        {
            _days[date] = day = date.ToString("yyyy-MM-dd");
        }

        if (!_counters.TryGetValue(day, out var counts))
        {
            _counters[day] = counts = [];
        }

        Add(counts, StatsDimension.Department, department ?? "", measure, amount);
        Add(counts, StatsDimension.GridCell, cell, measure, amount);
        Add(counts, StatsDimension.Category, TypeNames[type], measure, amount);
        Add(counts, StatsDimension.Channel, ChannelNames[channel], measure, amount);
        Add(counts, StatsDimension.Day, day, measure, amount);
    }

    private static void Add(Dictionary<(string Dimension, string Value, string Measure), long> counts, string dimension, string value, string measure, long amount) =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, (dimension, value, measure), out _) += amount;

    /// <summary>Days no later ticket adds to (every step falls within a fortnight of acceptance) are final and written.</summary>
    private async Task FlushCountersBefore(HistoryRows rows, DateOnly before)
    {
        var key = before == DateOnly.MaxValue ? "9999-12-31" : before.ToString("yyyy-MM-dd");
        foreach (var day in _counters.Keys.Where(d => string.CompareOrdinal(d, key) < 0).ToList())
        {
            foreach (var ((dimension, value, measure), n) in _counters[day])
            {
                await rows.AddAsync("hotline_measure", MeasureColumns, dimension, day, value, measure, n);
            }

            _counters.Remove(day);
        }
    }

    private string Content(Department department) =>
        Words.TryGetValue(department.Code, out var texts)
            ? $"{texts[_random.Next(texts.Length)]}，请尽快处理。"
            : $"想咨询{department.Name}的办事流程和需要准备的材料。";

    /// <summary>Departments are far from equal: the first ones (城管, 住建, 交通) take most of the work.</summary>
    private int Skewed(int count) => (int)(count * Math.Pow(_random.NextDouble(), 1.8));

    private T Pick<T>((T Value, int Weight)[] weighted)
    {
        var roll = _random.Next(weighted.Sum(w => w.Weight));
        foreach (var (value, weight) in weighted)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return weighted[^1].Value;
    }
}
