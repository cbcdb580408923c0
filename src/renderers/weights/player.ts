/** Time per frame while playing: a 100-epoch run plays in about 20 seconds. */
const FRAME_MS = 200;

export interface Player {
  element: HTMLDivElement;
  stop(): void;
}

/**
 * A slider through the frames with a play/pause button and the current epoch; `show(i)` is called for each
 * frame reached. Playing from the last frame starts again at the first; it stops at the last.
 */
export function player(epochs: number[], show: (frame: number) => void): Player {
  const element = document.createElement("div");
  element.className = "nnbook-player";
  const button = document.createElement("button");
  button.type = "button";
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(epochs.length - 1);
  slider.step = "1";
  slider.setAttribute("aria-label", "recorded epoch");
  const label = document.createElement("span");
  label.className = "nnbook-player-epoch";
  element.append(button, slider, label);

  let timer: ReturnType<typeof setInterval> | undefined;
  const go = (frame: number) => {
    slider.value = String(frame);
    label.textContent = `epoch ${epochs[frame]} (${frame + 1} / ${epochs.length})`;
    show(frame);
  };
  const pause = () => {
    clearInterval(timer);
    timer = undefined;
    button.textContent = "▶ play";
    button.setAttribute("aria-label", "play through the epochs");
  };
  const play = () => {
    if (Number(slider.value) >= epochs.length - 1) go(0);
    button.textContent = "❚❚ pause";
    button.setAttribute("aria-label", "pause");
    timer = setInterval(() => {
      const next = Number(slider.value) + 1;
      if (next >= epochs.length) return pause();
      go(next);
    }, FRAME_MS);
  };
  button.addEventListener("click", () => (timer === undefined ? play() : pause()));
  slider.addEventListener("input", () => {
    pause();
    go(Number(slider.value));
  });
  pause();
  go(epochs.length - 1);
  return { element, stop: pause };
}
