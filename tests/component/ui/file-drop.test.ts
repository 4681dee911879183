import { fireEvent, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import DropZone from '../../../src/ui/components/DropZone.svelte';
import FileButton from '../../../src/ui/components/FileButton.svelte';

const text = (html: string) => createRawSnippet(() => ({ render: () => html }));
const file = (name: string) => new File(['{}'], name, { type: 'application/json' });

/** jsdom has no DataTransfer: a drop event carrying these files. */
function dropEvent(type: string, files: File[] = []) {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { files } });
  return event;
}

describe('DropZone', () => {
  it('hands the dropped files over and shows the drag while it lasts, inner elements included', async () => {
    const ondropfiles = vi.fn();
    render(DropZone, { label: 'Drop zone for bundles', ondropfiles, children: text('<p>Drop here <b>now</b></p>') });
    const zone = screen.getByRole('group', { name: 'Drop zone for bundles' });
    await fireEvent(zone, dropEvent('dragenter'));
    // Moving onto a child: enter on the child comes before leave on the zone.
    await fireEvent(zone.querySelector('b') as Element, dropEvent('dragenter'));
    await fireEvent(zone, dropEvent('dragleave'));
    expect(zone).toHaveClass('dragging');
    const drop = dropEvent('drop', [file('a.json'), file('b.json')]);
    await fireEvent(zone, drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(zone).not.toHaveClass('dragging');
    await vi.waitFor(() => expect(ondropfiles).toHaveBeenCalledOnce());
    expect((ondropfiles.mock.calls[0]![0] as File[]).map((f) => f.name)).toEqual(['a.json', 'b.json']);
  });

  it('reads a drop the way it is told (the workspace also reads folders)', async () => {
    const ondropfiles = vi.fn();
    const readDrop = vi.fn(async () => [file('from-folder.json')]);
    render(DropZone, { label: 'Zone', ondropfiles, readDrop, children: text('<p>Drop</p>') });
    await fireEvent(screen.getByRole('group', { name: 'Zone' }), dropEvent('drop', [file('ignored.json')]));
    await vi.waitFor(() =>
      expect(ondropfiles).toHaveBeenCalledWith([expect.objectContaining({ name: 'from-folder.json' })]),
    );
  });
});

describe('FileButton', () => {
  it('gives the chosen files, and the same file chosen twice counts twice', async () => {
    const onfiles = vi.fn();
    const user = userEvent.setup();
    render(FileButton, { inputLabel: 'Bundle file', accept: '.json', onfiles, children: text('<span>Choose…</span>') });
    const input = screen.getByLabelText('Bundle file') as HTMLInputElement;
    expect(input).toHaveAttribute('tabindex', '-1');
    expect(screen.getByRole('button', { name: 'Choose…' })).toBeVisible();
    const chosen = file('bundle.json');
    await user.upload(input, chosen);
    await user.upload(input, chosen);
    expect(onfiles).toHaveBeenCalledTimes(2);
    expect(onfiles).toHaveBeenLastCalledWith([chosen]);
    expect(input.value).toBe('');
  });

  it('can choose a whole folder, and a disabled button opens nothing', async () => {
    render(FileButton, {
      inputLabel: 'Folder',
      folder: true,
      multiple: true,
      disabled: true,
      onfiles: () => {},
      children: text('<span>Choose a folder…</span>'),
    });
    // A property in browsers (it reflects to the attribute there; jsdom does not know it).
    expect((screen.getByLabelText('Folder') as HTMLInputElement & { webkitdirectory: boolean }).webkitdirectory).toBe(
      true,
    );
    expect(screen.getByRole('button', { name: 'Choose a folder…' })).toBeDisabled();
  });
});
