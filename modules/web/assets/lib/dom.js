// Building pages: elements (never from HTML text), links that go to a page without reloading,
// tables that scroll sideways on a phone.

let router = () => undefined;

/** Sets what shows the page of the current address (app.js's route). */
export function setRouter(route) {
  router = route;
}

/** Shows the page of the current address again (after signing in, say). */
export function reroute() {
  return router();
}

/** An element with attributes and children (text or elements); never parses HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** Goes to an address of the interface without reloading the page. */
export function navigate(path) {
  history.pushState({}, "", path);
  return router();
}

export function link(path, ...children) {
  return el(
    "a",
    {
      href: path,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(path);
      },
    },
    ...children,
  );
}

/** Makes children the page's content and moves the focus there (for screen readers). */
export function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children);
  main.focus();
}

/** A select of options ([value, text] pairs) with value chosen. */
export function choice(attributes, options, value) {
  return el("select", attributes, ...options.map(([option, text]) => {
    const node = el("option", { value: option }, text);
    if (option === value) node.selected = true;
    return node;
  }));
}

/** A table with its caption, in a region that scrolls sideways on a narrow screen. */
export function table(caption, headings, rows, numeric = []) {
  return el("div", { class: "table-scroll", role: "region", "aria-label": caption, tabindex: "0" },
    el("table", {},
      el("caption", {}, caption),
      ...(headings ? [el("thead", {}, el("tr", {}, ...headings.map((h, i) =>
        el("th", { scope: "col", class: numeric.includes(i) ? "number" : "" }, h))))] : []),
      el("tbody", {}, ...rows)));
}

export function cells(values, numeric = []) {
  return values.map((value, i) => el("td", { class: numeric.includes(i) ? "number" : "" }, value));
}

/** A row of a key-value table: the key as the row's header. */
export function fact(key, value, attributes = {}, numeric = false) {
  return el("tr", attributes, el("th", { scope: "row" }, key),
    el("td", { class: numeric ? "number" : "" }, value));
}

/** Reads a chosen file as text, or null when none is chosen. */
export function chosenText(input) {
  return input.files[0] ? input.files[0].text() : Promise.resolve(null);
}
