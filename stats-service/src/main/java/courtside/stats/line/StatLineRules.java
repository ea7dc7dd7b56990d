package courtside.stats.line;

import courtside.model.Season;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Cross-field rules of DESIGN.md section 2. Each rule runs only when the fields it reads are present and
 * well formed, so that a missing field is reported once, as missing. Violations name the field a client
 * would fix.
 */
final class StatLineRules implements ConstraintValidator<ConsistentStatLine, StatLineRequest> {

    private static final BigDecimal REGULATION_MINUTES = new BigDecimal("48.0");
    private static final BigDecimal OVERTIME_MINUTES = new BigDecimal("5.0");

    private final Clock clock;

    StatLineRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isValid(StatLineRequest line, ConstraintValidatorContext context) {
        if (line == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        Violations violations = new Violations(context);
        checkDate(line, violations);
        checkMinutes(line, violations);
        checkShooting(line, violations);
        return violations.none();
    }

    private void checkDate(StatLineRequest line, Violations violations) {
        if (line.gameDate() == null) {
            return;
        }
        // Games are dated in US local time, which can be a day ahead of UTC's idea of "today" at most.
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (line.gameDate().isAfter(tomorrow)) {
            violations.add("gameDate", "must not be after tomorrow (UTC): " + tomorrow + " at the latest");
        }
        if (line.season() == null) {
            return;
        }
        if (!Season.isValid(line.season())) {
            violations.add("season", "must be YYYY-YY with consecutive years, e.g. 2021-22");
        } else if (!Season.of(line.gameDate()).equals(line.season())) {
            violations.add("season", "a game on %s belongs to season %s, not %s (a season starts in August)"
                    .formatted(line.gameDate(), Season.of(line.gameDate()), line.season()));
        }
    }

    private void checkMinutes(StatLineRequest line, Violations violations) {
        Integer overtime = line.overtimePeriods();
        if (line.minutesPlayed() == null || (overtime != null && (overtime < 0 || overtime > 10))) {
            return;
        }
        int periods = line.effectiveOvertimePeriods();
        BigDecimal cap = REGULATION_MINUTES.add(OVERTIME_MINUTES.multiply(BigDecimal.valueOf(periods)));
        if (line.minutesPlayed().compareTo(cap) > 0) {
            violations.add("minutesPlayed", "must be at most %s with %d overtime period(s) (48 + 5 per overtime)"
                    .formatted(cap.toPlainString(), periods));
        }
    }

    private void checkShooting(StatLineRequest line, Violations violations) {
        long present = line.shootingFieldsPresent();
        if (present == 0) {
            return;
        }
        if (present < 8) {
            violations.add("fgm", "the shooting block needs all eight of fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, or none");
            return;
        }
        if (line.fgm() > line.fga()) {
            violations.add("fgm", "must not exceed fga");
        }
        if (line.fg3m() > line.fg3a()) {
            violations.add("fg3m", "must not exceed fg3a");
        }
        if (line.fg3m() > line.fgm()) {
            violations.add("fg3m", "must not exceed fgm: a three-pointer is a field goal");
        }
        if (line.ftm() > line.fta()) {
            violations.add("ftm", "must not exceed fta");
        }
        // In long: with ints, huge made shots could wrap around and "match" a small points value.
        long scored = 2L * (line.fgm() - line.fg3m()) + 3L * line.fg3m() + line.ftm();
        if (line.points() != null && line.points() != scored) {
            violations.add("points", "must equal 2*(fgm-fg3m) + 3*fg3m + ftm = %d".formatted(scored));
        }
        long boards = (long) line.oreb() + line.dreb();
        if (line.rebounds() != null && line.rebounds() != boards) {
            violations.add("rebounds", "must equal oreb + dreb = %d".formatted(boards));
        }
    }

    private static final class Violations {
        private final ConstraintValidatorContext context;
        private boolean any;

        Violations(ConstraintValidatorContext context) {
            this.context = context;
        }

        void add(String property, String message) {
            any = true;
            context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(property).addConstraintViolation();
        }

        boolean none() {
            return !any;
        }

        // Messages are templates: keep a literal "{" or "$" from being read as an expression.
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
