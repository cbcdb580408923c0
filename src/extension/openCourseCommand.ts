import * as vscode from "vscode";
import { courseLessons, type CourseLesson } from "../format";
import { NnbookSerializer } from "./nnbookSerializer";

/** Where a workspace keeps its copies of the lessons. */
export const COURSE_FOLDER = "nnbook-course";

/**
 * "nnbook: Open Course": lists the course's lessons and opens the chosen one as the learner's own copy, in
 * `nnbook-course/` of the workspace (without a folder open: as an untitled notebook). The shipped lessons are
 * never opened for editing, and a copy the learner already has is opened, never replaced. The walkthrough's
 * links pass a lesson's file name.
 */
export function registerOpenCourseCommand(extensionUri: vscode.Uri): vscode.Disposable {
  const courseUri = vscode.Uri.joinPath(extensionUri, "examples", "course");
  return vscode.commands.registerCommand("nnbook.openCourse", async (file?: unknown) => {
    const lessons = await readCourse(courseUri);
    let lesson: CourseLesson | undefined;
    if (file !== undefined) {
      lesson = lessons.find((l) => l.file === file);
      if (!lesson) {
        void vscode.window.showErrorMessage(`nnbook: the course has no lesson ${JSON.stringify(file)}; its lessons are ${lessons.map((l) => l.file).join(", ")}.`);
        return;
      }
    } else {
      const picked = await vscode.window.showQuickPick(
        lessons.map((l) => ({ label: `${l.number}. ${l.title}`, detail: l.summary, lesson: l })),
        { title: "nnbook course", placeHolder: "Open a lesson (a copy of it goes into your workspace)", matchOnDetail: true },
      );
      lesson = picked?.lesson;
    }
    if (lesson) await openLesson(courseUri, lesson);
  });
}

async function readCourse(courseUri: vscode.Uri): Promise<CourseLesson[]> {
  const entries = await vscode.workspace.fs.readDirectory(courseUri);
  const files: [string, Uint8Array][] = [];
  for (const [name, type] of entries) {
    if (type === vscode.FileType.File && name.endsWith(".nnbook")) files.push([name, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(courseUri, name))]);
  }
  return courseLessons(files);
}

async function openLesson(courseUri: vscode.Uri, lesson: CourseLesson): Promise<void> {
  const shipped = vscode.Uri.joinPath(courseUri, lesson.file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const bytes = await vscode.workspace.fs.readFile(shipped);
    const notebook = await vscode.workspace.openNotebookDocument("nnbook", new NnbookSerializer().deserializeNotebook(bytes));
    await vscode.window.showNotebookDocument(notebook);
    return;
  }
  const copies = vscode.Uri.joinPath(folder.uri, COURSE_FOLDER);
  let target = vscode.Uri.joinPath(copies, lesson.file);
  if (await exists(target)) {
    const fresh = "Start over in a new copy";
    const choice = await vscode.window.showQuickPick(["Open my copy", fresh], {
      title: `${lesson.number}. ${lesson.title}`,
      placeHolder: `You have a copy of this lesson: ${vscode.workspace.asRelativePath(target)}`,
    });
    if (!choice) return;
    if (choice === fresh) target = await freeName(copies, lesson.file);
  }
  if (!(await exists(target))) {
    await vscode.workspace.fs.createDirectory(copies);
    await vscode.workspace.fs.copy(shipped, target, { overwrite: false });
  }
  await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(target));
}

/** `01-perceptron-2.nnbook`, `-3`, …: the first name not taken. */
async function freeName(folder: vscode.Uri, file: string): Promise<vscode.Uri> {
  const stem = file.replace(/\.nnbook$/, "");
  for (let n = 2; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${stem}-${n}.nnbook`);
    if (!(await exists(uri))) return uri;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
