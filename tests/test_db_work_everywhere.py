"""Every database call from a screen or pop-up runs through `db_work` (tui/dbwork.py): in a thread worker that never
ends the app, with a failure shown as one line. Read from the source (AST), so a new screen is checked too.

A "database call" is a call handed the database (`self.db`, `self.app.db`, `app.db`, `db`, ...): the services
cannot reach the database any other way. It must sit in a function decorated with `@db_work`, or in a helper whose
every use is inside such a function (e.g. `CodeTableScreen.store`, called from its save worker). What a worker may
read of the screen besides its arguments is checked here too (`test_db_work_methods_take_the_screen_state_as_arguments`)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import carsplus_tui.tui

TUI = Path(carsplus_tui.tui.__file__).parent


@dataclass
class Function:
    where: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    db_work: bool
    enclosing: list[Function] = field(default_factory=list)
    database_calls: list[tuple[int, str]] = field(default_factory=list)

    def inside_db_work(self) -> bool:
        return self.db_work or any(f.db_work for f in self.enclosing)


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


DATABASE_NAMES = {"db", "open_db"}  # `app.open_db`: the app's database, opened again if it was closed


def _is_database(node: ast.expr) -> bool:
    return ((isinstance(node, ast.Name) and node.id in DATABASE_NAMES)
            or (isinstance(node, ast.Attribute) and node.attr in DATABASE_NAMES))


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(TUI.parent)), ast.parse(path.read_text(), str(path)))
            for path in sorted(TUI.rglob("*.py")) if path.name != "dbwork.py"]


Use = tuple[str, int, str, "Function | None", bool]


def _functions() -> tuple[list[Function], list[Use]]:
    """Every function (with the calls it makes that are handed the database), and every use of a name as
    (module, line, name, the innermost function it is in, whether it is an attribute: `x.name`)."""
    functions: list[Function] = []
    uses: list[Use] = []

    def visit(module: str, node: ast.AST, stack: list[Function]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                function = Function(f"{module}:{child.lineno} {child.name}", child,
                                    any(_decorator_name(d) == "db_work" for d in child.decorator_list), list(stack))
                functions.append(function)
                visit(module, child, [*stack, function])
                continue
            current = stack[-1] if stack else None
            if isinstance(child, ast.Call) and current is not None:
                handed = [*child.args, *(k.value for k in child.keywords)]
                if any(_is_database(arg) for arg in handed):
                    func = child.func
                    own = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"
                    # `self.save(...)`: a method of this class (maybe a db_work); anything else by its bare name.
                    name = f"self.{func.attr}" if own else _decorator_name(child)
                    current.database_calls.append((child.lineno, name))
            if isinstance(child, ast.Attribute):
                uses.append((module, child.lineno, child.attr, current, True))
            elif isinstance(child, ast.Name):
                uses.append((module, child.lineno, child.id, current, False))
            visit(module, child, stack)

    for module, tree in _modules():
        visit(module, tree, [])
    return functions, uses


def uses_of(helper: Function, uses: list[Use]) -> list[Use]:
    """Where `helper` is used: a method by attribute (`self.fetch`), a function by name too (a parameter of the
    same name in another function is not it)."""
    args = helper.node.args.args
    method = bool(args) and args[0].arg in ("self", "cls")
    found = []
    for use in uses:
        module, _, name, where, attribute = use
        if name != helper.node.name or (method and not attribute):
            continue
        if not attribute and where is not None and name in {a.arg for a in where.node.args.args}:
            continue
        found.append(use)
    return found


def test_the_check_sees_the_database_calls_it_is_about() -> None:
    # The check would pass vacuously if it found nothing: the screens' known workers must show up as db_work
    # functions with database calls in them.
    functions, _ = _functions()
    names = {f.node.name for f in functions if f.db_work and f.database_calls}
    assert {"save", "load", "check", "check_draft", "_recall_number", "print_form"} <= names, sorted(names)


def test_every_database_call_from_the_ui_runs_in_db_work() -> None:
    functions, uses = _functions()
    ok: set[int] = {id(f) for f in functions if f.inside_db_work()}
    # Handing the database to a db_work method (`self.save(self.db, ...)`) is how a worker gets its inputs, and to a
    # screen's or pop-up's constructor (a class: `DamageMapModal(self.db, ...)`) how the screen gets it for its own
    # workers; neither touches the database.
    workers = {f"self.{f.node.name}" for f in functions if f.db_work}

    safe: set[str] = set()  # functions that only hand the database on to workers and constructors (a factory)

    def passes(name: str) -> bool:
        bare = name.removeprefix("self.")
        return (name in workers or bare[:1].isupper() or bare in ("__init__", "cls") or bare.endswith("class")
                or bare in safe)

    grown = True
    while grown:
        before = len(safe)
        safe |= {f.node.name for f in functions if f.database_calls and all(passes(n) for _, n in f.database_calls)}
        grown = len(safe) > before

    helpers = [f for f in functions if id(f) not in ok and not all(passes(name) for _, name in f.database_calls)]
    # A helper is fine when every use of its name is inside db_work (or inside a helper that is fine): to a fixed point.
    changed = True
    while changed:
        changed = False
        for helper in helpers:
            if id(helper) in ok:
                continue
            sites = uses_of(helper, uses)
            if sites and all(site[3] is not None and (id(site[3]) in ok or any(id(e) in ok for e in site[3].enclosing))
                             for site in sites):
                ok.add(id(helper))
                changed = True
    bad = []
    for helper in helpers:
        if id(helper) not in ok:
            outside = [f"{m}:{line}" for m, line, _, f, _ in uses_of(helper, uses) if f is None or id(f) not in ok]
            calls = [f"{name}() at line {line}" for line, name in helper.database_calls if not passes(name)]
            bad.append(f"{helper.where} hands the database to {', '.join(calls)}, "
                       f"and is used outside db_work at {outside or 'no call site'}")
    assert not bad, "database calls outside db_work (tui/dbwork.py):\n" + "\n".join(bad)


def test_no_ui_worker_can_end_the_app() -> None:
    """Every thread worker of the UI is started with exit_on_error=False (db_work does it; a bare @work or
    run_worker must say so)."""
    bad = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            calls = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                calls += [d for d in node.decorator_list if _decorator_name(d) == "work"]
                bare = [d for d in node.decorator_list if isinstance(d, ast.Name) and d.id == "work"]
                bad += [f"{module}:{d.lineno} @work without exit_on_error=False" for d in bare]
            elif isinstance(node, ast.Call) and _decorator_name(node) == "run_worker":
                calls.append(node)
            for call in calls:
                if not isinstance(call, ast.Call):
                    continue
                flag = next((k.value for k in call.keywords if k.arg == "exit_on_error"), None)
                if not (isinstance(flag, ast.Constant) and flag.value is False):
                    bad.append(f"{module}:{call.lineno} {_decorator_name(call)} without exit_on_error=False")
    assert not bad, "\n".join(bad)


def test_database_answers_come_back_as_done_messages_not_callbacks() -> None:
    """A db_work method returns its answer (DatabaseDone); `call_from_thread` is left only for progress shown while a
    worker runs — and each such place is named here, so a new callback carrying a database answer fails."""
    progress = {"screens/sign_on.py check", "screens/dms_activity.py find_customers",
                "screens/dms_activity.py find_vehicles", "modals/dms_export.py progress"}
    functions, _ = _functions()
    found = set()

    def own_nodes(node: ast.AST) -> list[ast.AST]:  # the function's own body, not the functions defined in it
        found = []
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                found += [child, *own_nodes(child)]
        return found

    for function in functions:
        for node in own_nodes(function.node):
            if isinstance(node, ast.Call) and _decorator_name(node) == "call_from_thread":
                found.add(f"{function.where.split(':')[0].removeprefix('tui/')} {function.node.name}")
    assert found <= progress, sorted(found - progress)


# What a db_work method may use of `self` in its thread: the database (`self.db`, `self.open_db`, `host(self).db`,
# `host(self).open_db`: one Database, a Session per call), `self.post_message` and `self.app.call_from_thread`
# (Textual's thread-safe calls; what `call_from_thread` runs, e.g. `self.message`, runs on the UI thread), and a
# class's constants (`self.TABLE`). Every other input is an argument captured on the UI thread when the work starts.
# A method or property of its own it calls (`self.fetch_rows()`, `self.service_codes`) is held to the same rule.
WORKER_SELF = {"db", "open_db", "post_message"}
WIDGET_READS = {"query_one", "query", "query_children", "focused", "value", "screen", "screen_stack"}


def _definitions() -> dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every method and property of the UI by name (several classes may each define one), except names that are
    also set as an attribute (`self.x = ...`) somewhere: those hold state, whatever a class of the same name does."""
    found: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    state: set[str] = set()
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.setdefault(node.name, []).append(node)
            elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                  and isinstance(node.value, ast.Name) and node.value.id == "self"):
                state.add(node.attr)
    return {name: nodes for name, nodes in found.items() if name not in state}


def worker_state_reads(function: ast.FunctionDef | ast.AsyncFunctionDef,
                       definitions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]],
                       seen: set[int] | None = None) -> list[str]:
    """What `function` (run in a worker thread) reads of the screen besides its arguments: `self.<attr>` other than
    the handles above, a widget query, `self` handed on; each as "line: what"."""
    seen = set() if seen is None else seen
    seen.add(id(function))
    parents = {id(child): node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}
    on_ui_thread = {id(node.args[0]) for node in ast.walk(function)
                    if isinstance(node, ast.Call) and _decorator_name(node) == "call_from_thread" and node.args}
    bad = []
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr in WIDGET_READS:
            bad.append(f"{node.lineno}: .{node.attr}")
        if not (isinstance(node, ast.Name) and node.id == "self"):
            continue
        parent = parents.get(id(node))
        if isinstance(parent, ast.Call) and _decorator_name(parent) == "host":
            handle = parents.get(id(parent))
            if not (isinstance(handle, ast.Attribute) and handle.attr in WORKER_SELF):
                bad.append(f"{node.lineno}: host(self) other than host(self).db / .open_db")
            continue
        if not isinstance(parent, ast.Attribute):
            bad.append(f"{node.lineno}: self handed on")
            continue
        attr, outer = parent.attr, parents.get(id(parent))
        if attr in WORKER_SELF or attr.isupper() or id(parent) in on_ui_thread:
            continue
        if attr == "app" and isinstance(outer, ast.Attribute) and outer.attr == "call_from_thread":
            continue
        own = [d for d in definitions.get(attr, []) if d.args.args and d.args.args[0].arg == "self"]
        if own and not any(_decorator_name(d) == "db_work" for f in own for d in f.decorator_list):
            inner = sorted({line.split(": ", 1)[1] for helper in own if id(helper) not in seen
                            for line in worker_state_reads(helper, definitions, seen)})
            if inner:
                bad.append(f"{node.lineno}: self.{attr} (which reads {', '.join(inner)})")
            continue
        bad.append(f"{node.lineno}: self.{attr}")
    return bad


def test_db_work_methods_take_the_screen_state_as_arguments() -> None:
    """A worker runs while the agent types on: what it reads of the screen must be captured on the UI thread when the
    work starts (an argument), never read from the thread, where the UI may be changing it (DESIGN.md §2)."""
    functions, _ = _functions()
    definitions = _definitions()
    workers = [f for f in functions if f.db_work]
    assert len(workers) > 40  # every screen's workers are found
    bad = [f"{f.where} {line}" for f in workers for line in worker_state_reads(f.node, definitions)]
    assert not bad, "db_work methods reading the screen from their thread (pass it as an argument):\n" + "\n".join(bad)
